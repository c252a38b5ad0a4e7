using BenchmarkDotNet.Attributes;

namespace Mockalloc.Benchmarks;

/// <summary>
/// A raw-versus-tracked pair benchmark: <see cref="Regions"/> regions are open around every operation
/// (0: tracking compiled in but not recording). Subclasses give the raw BCL pair as the baseline.
/// </summary>
[MemoryDiagnoser]
public abstract class RegionBenchmarkBase
{
    private readonly List<BenchmarkRegion> _regions = [];

    /// <summary>How many regions are open around the tracked calls.</summary>
    [ParamsSource(nameof(RegionCounts))]
    public int Regions { get; set; }

    /// <summary>The values of <see cref="Regions"/> to measure: not recording, and recording.</summary>
    public virtual IEnumerable<int> RegionCounts => [0, 1];

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
}
