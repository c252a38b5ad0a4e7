using Mockalloc.Internal;

namespace Mockalloc.Benchmarks;

/// <summary>
/// Keeps a region open on the benchmark thread between [GlobalSetup] and [GlobalCleanup], so that each
/// measured operation runs inside it without the cost of starting one. (A synchronous method's
/// ExecutionContext change persists in its caller, which is what makes this work.)
/// </summary>
internal sealed class BenchmarkRegion
{
    private readonly Region _region;
    private readonly ExecutionContext? _outer;

    public BenchmarkRegion(AllocOptions? options = null)
    {
        _region = new Region(RegionFlow.Current, options ?? new AllocOptions { AllowNoData = true, Tracing = false });
        _outer = RegionFlow.Begin(_region, GC.GetAllocatedBytesForCurrentThread());
    }

    public void End()
    {
        RegionFlow.End(_region, _outer);
        RegionFlow.FlushCurrentThread(_region);
        _region.Complete(callerInside: false);
        RegionFlow.Retire();
    }
}
