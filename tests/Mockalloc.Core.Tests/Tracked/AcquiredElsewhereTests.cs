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
    public void A_double_free_then_a_leak_at_the_reused_address_is_not_a_clean_region()
    {
        // glibc hands the freed block to the next allocation of its size. The second release is recorded
        // as not live (tagged) while the header still says released, and as a foreign pointer of unknown
        // size once the allocator has overwritten the header: either way, alloc p, free p, free p, alloc p
        // (leaked) must not cancel.
        AllocInfo info = Allocs.Record(() =>
        {
            void* p = TrackedNativeMemory.Alloc(48);
            TrackedNativeMemory.Free(p);
            TrackedNativeMemory.Free(p);
            TrackedNativeMemory.Alloc(48);
        });

        // Counts balance (a leak and a double free): BadPtr by SPEC 3.1, or an attribute class when the
        // foreign-looking release's unknown size and alignment are what is left over.
        Assert.Contains(info.Error, new AllocError?[] { AllocError.BadPtr, AllocError.BadLayout });
    }

    [Fact]
    public void A_handle_double_free_then_a_leaked_handle_with_the_reused_value_is_not_a_clean_region()
    {
        object target = new();
        nint first = 0, second = 0;
        AllocInfo info = Allocs.Record(() =>
        {
            GCHandle handle = TrackedGCHandle.Alloc(target);
            first = GCHandle.ToIntPtr(handle);
            GCHandle copy = handle;
            TrackedGCHandle.Free(ref handle);
            TrackedGCHandle.Free(ref copy);
            second = GCHandle.ToIntPtr(TrackedGCHandle.Alloc(target));   // the runtime reuses the freed slot
        });

        Assert.Equal(AllocError.BadPtr, info.Error);
        GCHandle leaked = GCHandle.FromIntPtr(second);
        leaked.Free();
        _ = first;
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
