using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using Mockalloc.Tracked;

namespace Mockalloc.Benchmarks;

/// <summary>
/// The cost of tracing one <c>NativeMemory.Alloc(64)</c> + <c>Free</c> pair, against the raw pair: sites
/// (an interned integer per call, as interceptors pass it) and full stacks (the benchmark's own stack is
/// about 12 frames deep under BenchmarkDotNet).
/// </summary>
[MemoryDiagnoser]
public unsafe class TracingBenchmarks
{
    private static readonly CallSite AllocSite = CallSite.Intern("Benchmarks.cs", 1, "Alloc");
    private static readonly CallSite FreeSite = CallSite.Intern("Benchmarks.cs", 2, "Free");
    private BenchmarkRegion? _region;

    /// <summary>What the region records.</summary>
    [Params("sites", "stacks")]
    public string Level { get; set; } = "sites";

    [GlobalSetup]
    public void Setup() => _region = new BenchmarkRegion(new AllocOptions { AllowNoData = true, Tracing = true, TraceStacks = Level == "stacks" });

    [GlobalCleanup]
    public void Cleanup() => _region?.End();

    [Benchmark(Baseline = true)]
    public void Raw() => NativeMemory.Free(NativeMemory.Alloc(64));

    [Benchmark(Description = "TrackedNativeMemory pair, tracing")]
    public void Traced() => TrackedNativeMemory.Free(TrackedNativeMemory.Alloc(64, AllocSite), FreeSite);

    [Benchmark(Description = "TrackedNativeMemory pair, tracing, CallSite.Here()")]
    public void TracedHere() => TrackedNativeMemory.Free(TrackedNativeMemory.Alloc(64, CallSite.Here()), CallSite.Here());
}
