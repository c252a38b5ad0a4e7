using BenchmarkDotNet.Attributes;

namespace Mockalloc.Benchmarks;

/// <summary>One 64-byte allocate + free pair: the raw allocator against the tracked wrapper, also nested.</summary>
public unsafe class AllocatorPairBenchmarks : RegionBenchmarkBase
{
    private const nuint Size = 64;
    private const nuint Align = 8;
    private readonly SystemAllocator _raw = default;
    private readonly MockAllocator<SystemAllocator> _tracked = new(default);

    /// <summary>Not recording, recording, and recording in two nested regions.</summary>
    public override IEnumerable<int> RegionCounts => [0, 1, 2];

    [Benchmark(Baseline = true, Description = "SystemAllocator pair")]
    public void Raw() => _raw.Free(_raw.Allocate(Size, Align), Size, Align);

    [Benchmark(Description = "MockAllocator pair")]
    public void Tracked() => _tracked.Free(_tracked.Allocate(Size, Align), Size, Align);
}
