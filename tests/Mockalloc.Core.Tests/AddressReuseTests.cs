using Mockalloc.Internal;

namespace Mockalloc.Core.Tests;

/// <summary>
/// Allocators hand the same address back all the time. Wrong releases of one reused address whose errors
/// add up to zero must still be found: the engine hashes sizes, alignments and families, it does not add
/// them up.
/// </summary>
public sealed unsafe class AddressReuseTests
{
    private static readonly MockAllocator<OneBlockAllocator> Allocator = new(default);

    [Fact]
    public void Wrong_sizes_that_sum_to_zero_on_one_address_are_BadSize()
    {
        AllocInfo info = Allocs.Record(() =>
        {
            void* first = Allocator.Allocate(10, 8);
            Allocator.Free(first, 12, 8);
            void* second = Allocator.Allocate(14, 8);
            Allocator.Free(second, 12, 8);
            Assert.True(first == second);
        });

        Assert.Equal(AllocError.BadSize, info.Error);
    }

    [Fact]
    public void Wrong_alignments_that_sum_to_zero_on_one_address_are_BadAlignment()
    {
        AllocInfo info = Allocs.Record(() =>
        {
            Allocator.Free(Allocator.Allocate(8, 8), 8, 16);
            Allocator.Free(Allocator.Allocate(8, 32), 8, 24);
        });

        Assert.Equal(AllocError.BadAlignment, info.Error);
    }

    [Fact]
    public void Wrong_families_that_sum_to_zero_on_one_identity_are_MismatchedFree()
    {
        AllocAccumulator accumulator = default;
        accumulator.RecordAlloc(0x1000, 8, 8, family: 1);
        accumulator.RecordFree(0x1000, 8, 8, family: 2);
        accumulator.RecordAlloc(0x1000, 8, 8, family: 3);
        accumulator.RecordFree(0x1000, 8, 8, family: 2);

        Assert.Equal(AllocError.MismatchedFree, accumulator.Classify());
    }

    [Fact]
    public void Releases_that_balance_as_a_multiset_cancel_as_documented()
    {
        // The documented limit (README, Limitations): 10 freed as 12, then 12 freed as 10, at one address.
        AllocInfo info = Allocs.Record(() =>
        {
            Allocator.Free(Allocator.Allocate(10, 8), 12, 8);
            Allocator.Free(Allocator.Allocate(12, 8), 10, 8);
        });

        Assert.Null(info.Error);
    }

    /// <summary>An allocator with one 256-byte, 64-aligned block that it hands out every time.</summary>
    private readonly struct OneBlockAllocator : INativeAllocator
    {
        private static readonly nint Block = (nint)System.Runtime.InteropServices.NativeMemory.AlignedAlloc(256, 64);

        public void* Allocate(nuint size, nuint alignment) => (void*)Block;

        public void* AllocateZeroed(nuint size, nuint alignment) => (void*)Block;

        public void Free(void* ptr, nuint size, nuint alignment)
        {
        }

        public void* Reallocate(void* ptr, nuint oldSize, nuint alignment, nuint newSize) => (void*)Block;
    }
}
