using System.Buffers;
using System.Runtime.InteropServices;
using Mockalloc.Core.Tests.Support;
using Mockalloc.Tracked;

namespace Mockalloc.Core.Tests.Tracked;

/// <summary>
/// Resources a region did not see acquired (acquired before it, or by untracked code): released inside a
/// region they fail it, for every source (SPEC 3.5); released outside every region, untracked ones are
/// released as the BCL would.
/// </summary>
public sealed unsafe class AcquiredElsewhereTests
{
    public static TheoryData<SourceKind> Sources => new(Enum.GetValues<SourceKind>());

    [Theory]
    [MemberData(nameof(Sources))]
    public void A_resource_acquired_before_the_region_and_released_inside_fails_it(SourceKind kind)
    {
        TrackedResource resource = TrackedResource.Acquire(kind, 32);
        AllocInfo info = Allocs.Record(resource.Release);

        Assert.Equal(AllocError.DoubleFree, info.Error);
        Assert.Equal(0, info.AllocationCount);
        Assert.Equal(1, info.FreeCount);
    }

    [Fact]
    public void Untracked_HGlobal_CoTaskMem_and_BSTR_blocks_are_released_by_the_BCL_outside_regions()
    {
        // No region: the tracked releases see foreign memory and hand it to the BCL (which would crash or
        // leak if they did not). Repeated, so that a block not really freed would show as growth.
        for (int i = 0; i < 1000; i++)
        {
            TrackedMarshal.FreeHGlobal(Marshal.AllocHGlobal(64));
            TrackedMarshal.FreeCoTaskMem(Marshal.AllocCoTaskMem(64));
            TrackedMarshal.FreeBSTR(Marshal.StringToBSTR("untracked"));
            TrackedMarshal.ZeroFreeGlobalAllocUnicode(Marshal.StringToHGlobalUni("untracked"));
            TrackedMarshal.ZeroFreeCoTaskMemUTF8(Marshal.StringToCoTaskMemUTF8("untracked"));
            TrackedMarshal.ZeroFreeBSTR(Marshal.StringToBSTR("untracked"));
        }
        Assert.False(Allocs.IsRecording);
    }

    [Fact]
    public void An_untracked_rented_array_returned_outside_regions_goes_back_to_its_pool()
    {
        ArrayPool<byte> pool = ArrayPool<byte>.Create();
        byte[] array = pool.Rent(64);
        TrackedArrayPool.Return(pool, array);
        Assert.Same(array, pool.Rent(64));
    }

    [Fact]
    public void An_untracked_memory_owner_disposed_outside_regions_is_disposed()
    {
        IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(16);
        TrackedMemoryPool.Dispose(owner);
        Assert.Throws<ObjectDisposedException>(() => owner.Memory);
    }

    [Fact]
    public void An_array_rented_in_a_region_and_returned_after_it_goes_back_to_its_pool()
    {
        ArrayPool<byte> pool = ArrayPool<byte>.Create();
        byte[]? array = null;
        Assert.Equal(AllocError.Leak, Allocs.Record(() => array = TrackedArrayPool.Rent(pool, 64)).Error);
        TrackedArrayPool.Return(pool, array!);
        Assert.Same(array, pool.Rent(64));
    }
}
