using Mockalloc.Core.Tests.Support;

namespace Mockalloc.Core.Tests;

/// <summary><see cref="SystemAllocator"/> and <see cref="MockAllocator{TInner}"/> behave as allocators.</summary>
public sealed unsafe class AllocatorTests
{
    private static readonly MockAllocator<SystemAllocator> Real = new(default);

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(16)]
    [InlineData(64)]
    [InlineData(4096)]
    public void SystemAllocator_honours_every_power_of_two_alignment(int alignment)
    {
        var allocator = default(SystemAllocator);
        byte* block = (byte*)allocator.AllocateZeroed(100, (nuint)alignment);
        Assert.Equal(0u, (nuint)block % (nuint)alignment);
        Assert.All(new Span<byte>(block, 100).ToArray(), b => Assert.Equal(0, b));
        block[0] = 42;
        block = (byte*)allocator.Reallocate(block, 100, (nuint)alignment, 10_000);
        Assert.Equal(42, block[0]);
        Assert.Equal(0u, (nuint)block % (nuint)alignment);
        allocator.Free(block, 10_000, (nuint)alignment);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(24)]
    public void SystemAllocator_rejects_alignments_that_are_not_powers_of_two(int alignment)
    {
        Assert.Equal("alignment", Assert.Throws<ArgumentException>(() => default(SystemAllocator).Allocate(8, (nuint)alignment)).ParamName);
    }

    [Fact]
    public void SystemAllocator_throws_OutOfMemory_for_an_impossible_size()
    {
        Assert.Throws<OutOfMemoryException>(() => default(SystemAllocator).Allocate(nuint.MaxValue - 4096, 8));
    }

    [Fact]
    public void A_tracked_real_allocator_round_trips_with_no_bug()
    {
        AllocInfo info = Allocs.Record(() =>
        {
            byte* a = (byte*)Real.Allocate(10, 8);
            byte* b = (byte*)Real.AllocateZeroed(20, 64);
            a = (byte*)Real.Reallocate(a, 10, 8, 1000);
            b = (byte*)Real.Reallocate(b, 20, 64, 2);
            Real.Free(a, 1000, 8);
            Real.Free(b, 2, 64);
        });

        Assert.Null(info.Error);
        Assert.Equal(4, info.AllocationCount);
        Assert.Equal(4, info.FreeCount);
        Assert.Equal(10 + 20 + 1000 + 2, info.BytesAllocated);
        Assert.Equal(info.BytesAllocated, info.BytesFreed);
    }

    [Fact]
    public void Reallocate_records_the_old_block_freed_and_the_new_one_allocated()
    {
        nint kept = 0;
        AllocInfo info = Allocs.Record(() =>
        {
            void* p = Real.Allocate(16, 8);
            kept = (nint)Real.Reallocate(p, 16, 8, 32);
        });

        Assert.Equal(AllocError.Leak, info.Error);
        Assert.Equal(2, info.AllocationCount);
        Assert.Equal(1, info.FreeCount);
        Assert.Equal(32, info.BytesLeaked);
        Real.Free((void*)kept, 32, 8);
    }

    [Fact]
    public void Freeing_null_is_a_no_op_that_records_nothing()
    {
        AllocInfo info = Allocs.Record(() => Real.Free(null, 8, 8), new AllocOptions { AllowNoData = true });
        Assert.Equal(0, info.FreeCount);
    }

    [Fact]
    public void Reallocating_null_is_an_allocation()
    {
        AllocInfo info = Allocs.Record(() => Real.Free(Real.Reallocate(null, 0, 8, 24), 24, 8));
        Assert.Null(info.Error);
        Assert.Equal(1, info.AllocationCount);
        Assert.Equal(1, info.FreeCount);
    }

    [Fact]
    public void A_failed_allocation_records_nothing()
    {
        var failing = new MockAllocator<FailingAllocator>(default);
        AllocInfo info = Allocs.Record(() =>
        {
            Assert.True(failing.Allocate(8, 8) == null);
            Assert.True(failing.AllocateZeroed(8, 8) == null);
        }, new AllocOptions { AllowNoData = true });

        Assert.Null(info.Error);
        Assert.Equal(0, info.AllocationCount);
        Assert.Equal(0, info.BytesAllocated);
    }

    [Fact]
    public void The_wrapper_rejects_a_null_inner_allocator()
    {
        Assert.Equal("inner", Assert.Throws<ArgumentNullException>(() => new MockAllocator<INativeAllocator>(null!)).ParamName);
    }

    [Fact]
    public void A_mismatched_family_is_reported()
    {
        // A block from the wrapper released as if by NativeMemory.Free (the family the tracked facades use).
        AllocInfo info = Allocs.Record(() =>
        {
            void* p = TestAllocator.Instance.Allocate(8, 8);
            Mockalloc.Internal.RegionFlow.OnFree((nuint)p, 8, 8, Mockalloc.Internal.AllocFamily.NativeMemory);
        });
        Assert.Equal(AllocError.MismatchedFree, info.Error);
    }

    /// <summary>An allocator whose every allocation fails with null, as a C allocator's does.</summary>
    private readonly struct FailingAllocator : INativeAllocator
    {
        public void* Allocate(nuint size, nuint alignment) => null;

        public void* AllocateZeroed(nuint size, nuint alignment) => null;

        public void Free(void* ptr, nuint size, nuint alignment)
        {
        }

        public void* Reallocate(void* ptr, nuint oldSize, nuint alignment, nuint newSize) => null;
    }
}
