using System.Diagnostics;

namespace Mockalloc;

/// <summary>
/// What a region with <see cref="AllocOptions.Tracing"/> on found, bug by bug: every leaked allocation and
/// every bad release, with where they happened. Tracing never changes <see cref="AllocInfo.Error"/>.
/// </summary>
public sealed class AllocTrace
{
    internal AllocTrace(IReadOnlyList<LeakTrace> leaks, IReadOnlyList<ReleaseTrace> errors)
    {
        Leaks = leaks;
        Errors = errors;
    }

    /// <summary>Allocations still live when the region ended, in allocation order.</summary>
    public IReadOnlyList<LeakTrace> Leaks { get; }

    /// <summary>Bad releases, in the order they happened.</summary>
    public IReadOnlyList<ReleaseTrace> Errors { get; }
}

/// <summary>One allocation the region never released.</summary>
public sealed class LeakTrace
{
    internal LeakTrace(ulong identity, long size, string family, CallSite allocationSite, StackTrace? allocationStack, IReadOnlyList<CallSite> expectedReleaseSites)
    {
        Identity = identity;
        Size = size;
        Family = family;
        AllocationSite = allocationSite;
        AllocationStack = allocationStack;
        ExpectedReleaseSites = expectedReleaseSites;
    }

    /// <summary>The address, handle or rental number.</summary>
    public ulong Identity { get; }

    /// <summary>Bytes allocated.</summary>
    public long Size { get; }

    /// <summary>The API family that acquired it.</summary>
    public string Family { get; }

    /// <summary>Where it was acquired (unknown when the caller passed no site).</summary>
    public CallSite AllocationSite { get; }

    /// <summary>The acquiring stack, when stacks were traced.</summary>
    public StackTrace? AllocationStack { get; }

    /// <summary>
    /// Where other allocations from the same site were released in this region, most frequent first: where
    /// this one was probably meant to be released too (the Rust crate's "expected to be freed here").
    /// </summary>
    public IReadOnlyList<CallSite> ExpectedReleaseSites { get; }
}

/// <summary>One bad release: a double free, a release of something never acquired, or a release that disagrees with its allocation.</summary>
public sealed class ReleaseTrace
{
    internal ReleaseTrace(AllocError kind, ulong identity, TraceEnd? allocation, TraceEnd release, TraceEnd? earlierRelease, long sequence)
    {
        Sequence = sequence;
        Kind = kind;
        Identity = identity;
        Allocation = allocation;
        Release = release;
        EarlierRelease = earlierRelease;
    }

    /// <summary>The bug: DoubleFree, BadPtr, MismatchedFree, BadSize, BadAlignment or BadLayout.</summary>
    public AllocError Kind { get; }

    /// <summary>The address, handle or rental number the release named.</summary>
    public ulong Identity { get; }

    /// <summary>The allocation the release refers to, if the region saw it.</summary>
    public TraceEnd? Allocation { get; }

    /// <summary>The bad release.</summary>
    public TraceEnd Release { get; }

    /// <summary>For a double free, the first (correct) release.</summary>
    public TraceEnd? EarlierRelease { get; }

    // When the tracer saw the release: the order of AllocTrace.Errors.
    internal long Sequence { get; }

    // The same bug, placed at another point of an enclosing region's order.
    internal ReleaseTrace Resequenced(long sequence) => new(Kind, Identity, Allocation, Release, EarlierRelease, sequence);
}

/// <summary>One end of an allocation's life: what it said about the block, and where.</summary>
public sealed class TraceEnd
{
    internal TraceEnd(long size, long alignment, string family, CallSite site, StackTrace? stack)
    {
        Size = size;
        Alignment = alignment;
        Family = family;
        Site = site;
        Stack = stack;
    }

    /// <summary>The size stated (0 when the release stated none and the block was not ours).</summary>
    public long Size { get; }

    /// <summary>The alignment stated.</summary>
    public long Alignment { get; }

    /// <summary>The API family used.</summary>
    public string Family { get; }

    /// <summary>Where (unknown when the caller passed no site).</summary>
    public CallSite Site { get; }

    /// <summary>The stack, when stacks were traced.</summary>
    public StackTrace? Stack { get; }
}
