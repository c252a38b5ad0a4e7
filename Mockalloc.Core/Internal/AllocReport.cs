using System.Globalization;
using System.Text;

namespace Mockalloc.Internal;

/// <summary>The words of a verdict: what happened, the counts behind it, and what to do next.</summary>
internal static class AllocReport
{
    /// <summary>How to switch tracking on; part of the NoData message.</summary>
    public const string HowToTrack =
        "Switch tracking on for the code under test in one of these ways: " +
        "pass a MockAllocator<SystemAllocator> to code written against INativeAllocator; " +
        "call the Mockalloc.Tracked facades (TrackedNativeMemory, TrackedMarshal, ...) instead of the BCL members; " +
        "or set <MockallocTrack>true</MockallocTrack> in the project that makes the calls, whose interceptors then redirect its BCL calls to those facades " +
        "(a Mockalloc test package sets it in the test project; a library under test opts in); " +
        "for compiled code, where your Mockalloc version ships it, weave it with Mockalloc.Fody.";

    /// <summary>The full message of an <see cref="AllocException"/>.</summary>
    public static string Message(AllocInfo info)
    {
        var text = new StringBuilder("Mockalloc: ");
        if (info.Trace is { } trace && trace.Leaks.Count + trace.Errors.Count > 0)
        {
            // The one-line count of every bug first ("Traced: 2 leaks, 1 double free in ParserTests.Roundtrip."),
            // then the engine's verdict and what to do, then each bug with its sites.
            text.AppendLine(TraceReport.SummaryLine(trace, info.RegionName));
            text.Append(info.Error).Append(": ").Append(Explain(info)).AppendLine();
            TraceReport.AppendBugs(text, trace);
        }
        else
        {
            text.Append(info.Error).Append(": ").Append(Explain(info)).AppendLine();
            if (info.Trace is null && info.Error is not (AllocError.NoData or AllocError.OverBudget))
            {
                text.AppendLine(TraceReport.HowToTrace);
            }
        }
        text.Append(Counters(info));
        return text.ToString();
    }

    /// <summary>One line: the verdict and the counters.</summary>
    public static string Summary(AllocInfo info) =>
        (info.Error is { } error ? error.ToString() : "OK") + " (" + Counters(info) + ")";

    /// <summary>The first budget the region exceeded, as "name: actual &gt; limit", or null.</summary>
    public static string? ExceededBudget(AllocInfo info)
    {
        AllocOptions options = info.Options;
        if (info.ManagedBytesAllocated > options.MaxManagedBytes)
        {
            return Budget(nameof(AllocOptions.MaxManagedBytes), info.ManagedBytesAllocated, "managed bytes were allocated", options.MaxManagedBytes.Value);
        }
        if (info.AllocationCount > options.MaxAllocations)
        {
            return Budget(nameof(AllocOptions.MaxAllocations), info.AllocationCount, "tracked allocations were made", options.MaxAllocations.Value);
        }
        if (info.PeakBytes > options.MaxPeakBytes)
        {
            return Budget(nameof(AllocOptions.MaxPeakBytes), info.PeakBytes, "tracked bytes were held at the peak", options.MaxPeakBytes.Value);
        }
        return null;
    }

    private static string Budget(string name, long actual, string what, long limit) =>
        $"{N(actual)} {what}, over the budget {name} = {N(limit)}. Reduce them, or raise the budget if the growth is intended.";

    private static string Explain(AllocInfo info) => info.Error switch
    {
        AllocError.Leak =>
            $"{N(info.LeakCount)} of {N(info.AllocationCount)} acquisitions ({N(info.BytesLeaked)} of {N(info.BytesAllocated)} bytes) were never released. " +
            "Release each one before the region ends (free the memory, Return the array, Dispose the owner, Free the handle).",
        AllocError.DoubleFree =>
            $"{N(info.FreeCount)} releases for {N(info.AllocationCount)} acquisitions: something was released twice, " +
            "or released inside the region although it was acquired before the region began. Release each block exactly once, where it was acquired.",
        AllocError.NoData =>
            "the region saw no tracked acquisition or release, so tracking is probably not switched on. " + HowToTrack +
            " If the code really allocates nothing, set AllowNoData = true.",
        AllocError.BadPtr =>
            "a release named something this region never acquired: a foreign or interior pointer, an array the pool never rented, " +
            "or a leak and a double free in the same region that balance the counts. Release exactly what the acquisition returned.",
        AllocError.MismatchedFree =>
            "something was released through a different API family than acquired it (for example AllocHGlobal freed by NativeMemory.Free, " +
            "AlignedAlloc freed by Free, or an array returned to another pool). Release through the counterpart of the acquiring call.",
        AllocError.BadLayout =>
            "a sized release gave both a different size and a different alignment than the acquisition. Pass the size and alignment the block was allocated with.",
        AllocError.BadSize =>
            "a sized release gave a different size than the acquisition (the alignment matched). Pass the size the block was allocated with.",
        AllocError.BadAlignment =>
            "a sized release gave a different alignment than the acquisition (the size matched). Pass the alignment the block was allocated with.",
        AllocError.OverBudget => ExceededBudget(info) ?? "a budget was exceeded.",
        _ => "no error.",
    };

    private static string Counters(AllocInfo info) =>
        $"allocations {N(info.AllocationCount)}, frees {N(info.FreeCount)}, bytes allocated {N(info.BytesAllocated)}, bytes freed {N(info.BytesFreed)}, " +
        $"peak {N(info.PeakBytes)} bytes in {N(info.PeakAllocationCount)} {(info.PeakAllocationCount == 1 ? "block" : "blocks")}, managed bytes {N(info.ManagedBytesAllocated)}";

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
