using Mockalloc.Internal;

namespace Mockalloc;

/// <summary>What a region recorded, and the bug it found if any.</summary>
/// <remarks>Obtained from <see cref="Allocs.Record"/> or <see cref="Allocs.RecordAsync"/>.</remarks>
public sealed class AllocInfo
{
    internal AllocInfo(in AllocAccumulator totals, long managedBytes, AllocOptions options, AllocTrace? trace = null, string? regionName = null)
    {
        Trace = trace;
        RegionName = regionName;
        Options = options;
        AllocationCount = totals.Allocations;
        FreeCount = totals.Frees;
        BytesAllocated = totals.BytesAllocated;
        BytesFreed = totals.BytesFreed;
        PeakBytes = totals.Peak;
        PeakAllocationCount = totals.PeakCount;
        ManagedBytesAllocated = managedBytes;
        Error = Judge(totals.Classify());
    }

    /// <summary>The bug found, or null when none was found and every budget was kept.</summary>
    public AllocError? Error { get; }

    /// <summary>Number of tracked acquisitions (Rust: <c>num_allocs</c>).</summary>
    public long AllocationCount { get; }

    /// <summary>Number of tracked releases (Rust: <c>num_frees</c>).</summary>
    public long FreeCount { get; }

    /// <summary>
    /// Acquisitions not matched by a release: <see cref="AllocationCount"/> − <see cref="FreeCount"/>, and
    /// never negative, also after a double free (Rust: <c>num_leaks</c>, which underflows there).
    /// </summary>
    public long LeakCount => Math.Max(0, AllocationCount - FreeCount);

    /// <summary>Bytes acquired (Rust: <c>mem_allocated</c>).</summary>
    public long BytesAllocated { get; }

    /// <summary>Bytes released (Rust: <c>mem_freed</c>).</summary>
    public long BytesFreed { get; }

    /// <summary>
    /// <see cref="BytesAllocated"/> − <see cref="BytesFreed"/>, and never negative (Rust: <c>mem_leaked</c>).
    /// </summary>
    public long BytesLeaked => Math.Max(0, BytesAllocated - BytesFreed);

    /// <summary>
    /// The most tracked bytes held at once during the region (Rust: <c>peak_mem</c>). Exact when each thread's
    /// stretch of the region's flow ends before the next one begins (straight-line code, awaits, thread
    /// hops). When stretches overlap (threads running in parallel, or a thread blocked in
    /// <c>Task.Wait</c> or <c>Parallel.For</c> while others run the flow), the stretches are composed in
    /// the order they ended, which can under-count: read it as an estimate there.
    /// </summary>
    public long PeakBytes { get; }

    /// <summary>Number of tracked blocks held when <see cref="PeakBytes"/> was reached (Rust: <c>peak_mem_allocs</c>).</summary>
    public long PeakAllocationCount { get; }

    /// <summary>
    /// GC-heap bytes allocated by the region's logical flow (every thread segment that ran it), excluding
    /// Mockalloc's own bookkeeping.
    /// </summary>
    public long ManagedBytesAllocated { get; }

    /// <summary>The bug-by-bug trace, when the region traced (<see cref="AllocOptions.Tracing"/>), else null.</summary>
    public AllocTrace? Trace { get; }

    internal AllocOptions Options { get; }

    /// <summary>What messages call the region ("ParserTests.Roundtrip"), or null.</summary>
    internal string? RegionName { get; }

    /// <summary>Throws <see cref="AllocException"/> when <see cref="Error"/> is set (Rust: <c>result().unwrap()</c>).</summary>
    /// <exception cref="AllocException"><see cref="Error"/> is not null.</exception>
    public void ThrowIfError()
    {
        if (Error is not null)
        {
            throw new AllocException(this);
        }
    }

    /// <summary>A one-line summary of the counters and the verdict.</summary>
    public override string ToString() => AllocReport.Summary(this);

    private AllocError? Judge(AllocError? bug)
    {
        if (bug == AllocError.NoData && Options.AllowNoData)
        {
            bug = null;
        }
        return bug ?? (AllocReport.ExceededBudget(this) is null ? null : AllocError.OverBudget);
    }
}
