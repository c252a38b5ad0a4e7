using System.Runtime.InteropServices;
using Mockalloc.Tracked;

namespace Mockalloc.Core.Tests.Tracked;

/// <summary><see cref="TrackedNativeMemory"/>: BCL behaviour for valid input, every bug class contained and reported.</summary>
public sealed unsafe class TrackedNativeMemoryTests
{
    [Fact]
    public void Valid_use_behaves_as_the_BCL_and_records_exact_sizes()
    {
        AllocInfo info = Allocs.Record(() =>
        {
            byte* a = (byte*)TrackedNativeMemory.Alloc(10);
            byte* z = (byte*)TrackedNativeMemory.AllocZeroed(3, 7);
            Assert.All(new Span<byte>(z, 21).ToArray(), b => Assert.Equal(0, b));
            for (int i = 0; i < 10; i++)
            {
                a[i] = (byte)i;
            }
            a = (byte*)TrackedNativeMemory.Realloc(a, 100_000);
            for (int i = 0; i < 10; i++)
            {
                Assert.Equal(i, a[i]);
            }
            Assert.Equal(0u, (nuint)a % 16);
            TrackedNativeMemory.Free(a);
            TrackedNativeMemory.Free(z);
            TrackedNativeMemory.Free(null);
        });

        Assert.Null(info.Error);
        Assert.Equal(3, info.AllocationCount);
        Assert.Equal(3, info.FreeCount);
        Assert.Equal(10 + 21 + 100_000, info.BytesAllocated);
        Assert.Equal(info.BytesAllocated, info.BytesFreed);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(32)]
    [InlineData(64)]
    [InlineData(4096)]
    public void Aligned_blocks_keep_their_alignment_through_reallocation(int alignment)
    {
        AllocInfo info = Allocs.Record(() =>
        {
            byte* p = (byte*)TrackedNativeMemory.AlignedAlloc(40, (nuint)alignment);
            Assert.Equal(0u, (nuint)p % (nuint)alignment);
            p[39] = 7;
            p = (byte*)TrackedNativeMemory.AlignedRealloc(p, 5000, (nuint)alignment);
            Assert.Equal(0u, (nuint)p % (nuint)alignment);
            Assert.Equal(7, p[39]);
            TrackedNativeMemory.AlignedFree(p);
        });

        Assert.Null(info.Error);
        Assert.Equal(5040, info.BytesFreed);
    }

    [Fact]
    public void Invalid_arguments_throw_what_the_BCL_throws()
    {
        Assert.Equal("alignment", Assert.Throws<ArgumentException>(() => TrackedNativeMemory.AlignedAlloc(8, 3)).ParamName);
        Assert.Equal("alignment", Assert.Throws<ArgumentException>(() => TrackedNativeMemory.AlignedAlloc(8, 0)).ParamName);
        Assert.Throws<OutOfMemoryException>(() => TrackedNativeMemory.Alloc(nuint.MaxValue));
        Assert.Throws<OutOfMemoryException>(() => TrackedNativeMemory.Alloc(nuint.MaxValue / 2, 3));
        Assert.Throws<OutOfMemoryException>(() => NativeMemory.Alloc(nuint.MaxValue / 2, 3));
        Assert.Throws<OutOfMemoryException>(() => TrackedNativeMemory.AllocZeroed((nuint)1 << 47));
        Assert.Throws<ArgumentException>(() => NativeMemory.AlignedRealloc(null, 8, 24));
        Assert.Equal("alignment", Assert.Throws<ArgumentException>(() => TrackedNativeMemory.AlignedRealloc(null, 8, 24)).ParamName);
        TrackedNativeMemory.AlignedFree(null);   // a no-op, as the BCL's
    }

    [Fact]
    public void A_failed_reallocation_throws_and_keeps_the_block()
    {
        AllocInfo info = Allocs.Record(() =>
        {
            void* p = TrackedNativeMemory.Alloc(8);
            Assert.Throws<OutOfMemoryException>(() => TrackedNativeMemory.Realloc(p, (nuint)1 << 47));
            TrackedNativeMemory.Free(p);
        });

        Assert.Null(info.Error);
    }

    [Fact]
    public void Zero_sizes_and_null_reallocation_are_blocks()
    {
        AllocInfo info = Allocs.Record(() =>
        {
            void* a = TrackedNativeMemory.Alloc(0);
            void* b = TrackedNativeMemory.Realloc(null, 0);
            Assert.True(a != null && b != null && a != b);
            TrackedNativeMemory.Free(a);
            TrackedNativeMemory.Free(b);
        });

        Assert.Null(info.Error);
        Assert.Equal(2, info.AllocationCount);
    }

    [Fact]
    public void A_leak_is_reported() =>
        Assert.Equal(AllocError.Leak, Allocs.Record(() => TrackedNativeMemory.Alloc(8)).Error);

    [Theory]
    [InlineData(64)]
    [InlineData(1 << 20)]
    public void A_double_free_is_reported_and_never_reaches_the_allocator(int size)
    {
        AllocInfo info = Allocs.Record(() =>
        {
            void* p = TrackedNativeMemory.Alloc((nuint)size);
            TrackedNativeMemory.Free(p);
            TrackedNativeMemory.Free(p);
        });

        Assert.Equal(AllocError.DoubleFree, info.Error);
        Assert.Equal(size, info.BytesAllocated);
    }

    [Fact]
    public void An_interior_pointer_is_reported_as_BadPtr_and_contained()
    {
        void* block = null;
        AllocInfo info = Allocs.Record(() =>
        {
            block = TrackedNativeMemory.Alloc(64);
            TrackedNativeMemory.Free((byte*)block + 8);
        });

        Assert.Equal(AllocError.BadPtr, info.Error);
        TrackedNativeMemory.Free(block);   // still live, still valid
    }

    [Fact]
    public void A_block_untracked_code_allocated_fails_the_region_and_is_not_released_there()
    {
        void* foreign = NativeMemory.Alloc(32);
        AllocInfo info = Allocs.Record(() => TrackedNativeMemory.Free(foreign));
        Assert.Equal(AllocError.DoubleFree, info.Error);
        NativeMemory.Free(foreign);   // not released by the tracked call: releasing it again is safe
    }

    [Fact]
    public void Outside_regions_a_block_untracked_code_allocated_is_released_as_the_BCL_would()
    {
        void* foreign = NativeMemory.Alloc(32);
        TrackedNativeMemory.Free(foreign);
        void* foreignAligned = NativeMemory.AlignedAlloc(32, 64);
        TrackedNativeMemory.AlignedFree(foreignAligned);
        void* grown = TrackedNativeMemory.Realloc(NativeMemory.Alloc(8), 16);
        NativeMemory.Free(grown);   // untracked stays untracked
        Assert.False(Allocs.IsRecording);
    }

    [Fact]
    public void A_block_allocated_before_the_region_and_freed_inside_fails_the_region()
    {
        void* before = TrackedNativeMemory.Alloc(16);
        AllocInfo info = Allocs.Record(() => TrackedNativeMemory.Free(before));
        Assert.Equal(AllocError.DoubleFree, info.Error);
        Assert.Equal(16, info.BytesFreed);
    }

    [Theory]
    [InlineData("Alloc", "AlignedFree")]
    [InlineData("AlignedAlloc", "Free")]
    [InlineData("Alloc", "FreeHGlobal")]
    [InlineData("AllocHGlobal", "Free")]
    [InlineData("AllocCoTaskMem", "FreeHGlobal")]
    public void A_release_through_the_wrong_family_is_MismatchedFree_and_released_correctly(string acquire, string release)
    {
        AllocInfo info = Allocs.Record(() =>
        {
            void* p = acquire switch
            {
                "Alloc" => TrackedNativeMemory.Alloc(48),
                "AlignedAlloc" => TrackedNativeMemory.AlignedAlloc(48, 64),
                "AllocHGlobal" => (void*)TrackedMarshal.AllocHGlobal(48),
                _ => (void*)TrackedMarshal.AllocCoTaskMem(48),
            };
            switch (release)
            {
                case "AlignedFree": TrackedNativeMemory.AlignedFree(p); break;
                case "Free": TrackedNativeMemory.Free(p); break;
                default: TrackedMarshal.FreeHGlobal((nint)p); break;
            }
        });

        Assert.Equal(AllocError.MismatchedFree, info.Error);
        Assert.Equal(48, info.BytesFreed);
    }

    [Fact]
    public void A_reallocation_through_the_wrong_family_is_reported_and_the_contents_move()
    {
        AllocInfo info = Allocs.Record(() =>
        {
            byte* p = (byte*)TrackedNativeMemory.AlignedAlloc(16, 64);
            p[3] = 9;
            byte* q = (byte*)TrackedNativeMemory.Realloc(p, 32);
            Assert.Equal(9, q[3]);
            TrackedNativeMemory.Free(q);
        });

        Assert.Equal(AllocError.MismatchedFree, info.Error);
    }

    [Fact]
    public void A_realloc_chain_is_balanced()
    {
        AllocInfo info = Allocs.Record(() =>
        {
            void* p = null;
            for (nuint size = 1; size < 1 << 20; size *= 3)
            {
                p = TrackedNativeMemory.Realloc(p, size);
            }
            TrackedNativeMemory.Free(p);
        });

        Assert.Null(info.Error);
        Assert.Equal(info.AllocationCount, info.FreeCount);
        Assert.Equal(info.BytesAllocated, info.BytesFreed);
    }
}
