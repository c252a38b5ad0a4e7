using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using Mockalloc.Tracked;

namespace Mockalloc.Benchmarks;

/// <summary>
/// The cost of tracing one <c>NativeMemory.Alloc(64)</c> + <c>Free</c> pair, against the raw pair: sites
/// (an interned integer per call, as interceptors pass it; <c>CallSite.Here()</c>, as direct callers do;
/// a new site on every call, the worst case), and full stacks. The stack depth at the tracked call is
/// printed to the log (<c>// stack depth</c>), and by <c>benchmarks/run</c> under the table.
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

    private int _nextLine = 10;

    [GlobalSetup]
    public void Setup()
    {
        _region = new BenchmarkRegion(new AllocOptions { AllowNoData = true, Tracing = true, TraceStacks = Level == "stacks" });
        Console.WriteLine($"// stack depth at the tracked call: {StackDepth()} frames");
    }

    [GlobalCleanup]
    public void Cleanup() => _region?.End();

    [Benchmark(Baseline = true)]
    public void Raw() => NativeMemory.Free(NativeMemory.Alloc(64));

    [Benchmark(Description = "TrackedNativeMemory pair, tracing")]
    public void Traced() => TrackedNativeMemory.Free(TrackedNativeMemory.Alloc(64, AllocSite), FreeSite);

    [Benchmark(Description = "TrackedNativeMemory pair, tracing, CallSite.Here()")]
    public void TracedHere() => TrackedNativeMemory.Free(TrackedNativeMemory.Alloc(64, CallSite.Here()), CallSite.Here());

    [Benchmark(Description = "TrackedNativeMemory pair, tracing, a new site per call")]
    public void TracedNewSite()
    {
        int line = _nextLine++;
        TrackedNativeMemory.Free(TrackedNativeMemory.Alloc(64, CallSite.Intern("NewSites.cs", line, "Alloc")), CallSite.Intern("NewSites.cs", line, "Free"));
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static int StackDepth() => new System.Diagnostics.StackTrace().FrameCount;
}
