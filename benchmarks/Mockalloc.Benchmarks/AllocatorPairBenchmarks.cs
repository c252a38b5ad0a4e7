using BenchmarkDotNet.Attributes;

namespace Mockalloc.Benchmarks;

/// <summary>One 64-byte allocate + free pair: the raw allocator against the tracked wrapper.</summary>
[MemoryDiagnoser]
public unsafe class AllocatorPairBenchmarks
{
    private const nuint Size = 64;
    private const nuint Align = 8;
    private readonly SystemAllocator _raw = default;
    private readonly MockAllocator<SystemAllocator> _tracked = new(default);
    private readonly List<BenchmarkRegion> _regions = [];

    /// <summary>How many regions are open around the tracked calls.</summary>
    [Params(0, 1, 2)]
    public int Regions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        for (int i = 0; i < Regions; i++)
        {
            _regions.Add(new BenchmarkRegion());
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        for (int i = _regions.Count - 1; i >= 0; i--)
        {
            _regions[i].End();
        }
        _regions.Clear();
    }

    [Benchmark(Baseline = true, Description = "SystemAllocator pair")]
    public void Raw() => _raw.Free(_raw.Allocate(Size, Align), Size, Align);

    [Benchmark(Description = "MockAllocator pair")]
    public void Tracked() => _tracked.Free(_tracked.Allocate(Size, Align), Size, Align);
}
