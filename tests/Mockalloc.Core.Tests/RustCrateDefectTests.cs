using Mockalloc.Core.Tests.Support;

namespace Mockalloc.Core.Tests;

/// <summary>
/// Defects measured on the Rust crate (NOTES.md); each test is one our port must pass. The nested-region
/// and cross-thread defects are covered in <see cref="RegionTests"/> and <see cref="FlowTests"/>.
/// </summary>
public sealed unsafe class RustCrateDefectTests
{
    [Fact]
    public void A_failed_reallocation_keeps_the_old_block_live()
    {
        // The crate records the old block as freed even when realloc returns null, so the correct free
        // that follows is reported as a DoubleFree.
        var allocator = new MockAllocator<FailingReallocator>(default);
        AllocInfo info = Allocs.Record(() =>
        {
            void* p = allocator.Allocate(16, 8);
            void* moved = allocator.Reallocate(p, 16, 8, 1 << 20);
            Assert.True(moved == null);
            allocator.Free(p, 16, 8);
        });

        Assert.Null(info.Error);
        Assert.Equal(1, info.AllocationCount);
        Assert.Equal(1, info.FreeCount);
    }

    [Fact]
    public void Leak_counts_do_not_underflow_after_a_double_free()
    {
        AllocInfo info = Allocs.Record(() =>
        {
            nint p = TestAllocator.Alloc(8, 8);
            TestAllocator.Free(p, 8, 8);
            TestAllocator.Free(p, 8, 8);
        });

        Assert.Equal(AllocError.DoubleFree, info.Error);
        Assert.Equal(0, info.LeakCount);
        Assert.Equal(0, info.BytesLeaked);
    }

    [Fact]
    public void A_leak_and_a_double_free_together_balance_into_BadPtr()
    {
        // Kept as in the crate (counts are compared first); tracing will list both bugs.
        AllocInfo info = Allocs.Record(() =>
        {
            TestAllocator.Alloc(8, 8);
            nint p = TestAllocator.Alloc(8, 8);
            TestAllocator.Free(p, 8, 8);
            TestAllocator.Free(p, 8, 8);
        });

        Assert.Equal(AllocError.BadPtr, info.Error);
    }

    /// <summary>An allocator whose reallocation always fails, returning null as <c>realloc</c> does.</summary>
    private readonly struct FailingReallocator : INativeAllocator
    {
        public void* Allocate(nuint size, nuint alignment) => default(SystemAllocator).Allocate(size, alignment);

        public void* AllocateZeroed(nuint size, nuint alignment) => default(SystemAllocator).AllocateZeroed(size, alignment);

        public void Free(void* ptr, nuint size, nuint alignment) => default(SystemAllocator).Free(ptr, size, alignment);

        public void* Reallocate(void* ptr, nuint oldSize, nuint alignment, nuint newSize) => null;
    }
}
