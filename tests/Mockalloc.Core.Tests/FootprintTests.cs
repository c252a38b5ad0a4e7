using Mockalloc.Internal;

namespace Mockalloc.Core.Tests;

/// <summary>Recording costs no managed memory per event, however many allocations are live.</summary>
public sealed class FootprintTests
{
    [Theory]
    [InlineData(1_000)]
    [InlineData(10_000_000)]
    public void A_region_holding_many_live_allocations_allocates_nothing(int live)
    {
        AllocInfo warm = Allocs.Record(() => RegionFlow.OnAlloc(1, 1, 1, AllocFamily.Wrapper));
        Assert.Equal(AllocError.Leak, warm.Error);

        AllocInfo info = Allocs.Record(() =>
        {
            for (int i = 0; i < live; i++)
            {
                RegionFlow.OnAlloc(0x1000 + (16UL * (ulong)i), 16, 16, AllocFamily.Wrapper);
            }
        });

        Assert.Equal(live, info.LeakCount);
        Assert.Equal(16L * live, info.PeakBytes);
        Assert.Equal(0, info.ManagedBytesAllocated);
    }
}
