using Mockalloc.Core.Tests.Support;

namespace Mockalloc.Core.Tests;

/// <summary>
/// The Rust crate's own test list (Diggsey/mockalloc, src/lib.rs), one for one: a 4-byte, 4-aligned block
/// (Rust's <c>Box::new(42u32)</c>) used correctly or wrongly, alone and amongst many other allocations.
/// </summary>
public sealed class RustCrateTests
{
    private const nuint Size = 4;
    private const nuint Align = 4;

    [Fact]
    public void It_works()
    {
        AllocInfo info = Allocs.Record(() => TestAllocator.Free(TestAllocator.Alloc(Size, Align), Size, Align));

        Assert.Null(info.Error);
        Assert.Equal(1, info.AllocationCount);
        Assert.Equal(1, info.FreeCount);
        Assert.Equal(0, info.LeakCount);
        Assert.Equal(4, info.BytesAllocated);
        Assert.Equal(4, info.BytesFreed);
        Assert.Equal(0, info.BytesLeaked);
        Assert.Equal(4, info.PeakBytes);
        Assert.Equal(1, info.PeakAllocationCount);
    }

    [Fact]
    public void It_detects_leak() => AssertDetects(AllocError.Leak, allocations: 1, frees: 0, () => TestAllocator.Alloc(Size, Align));

    [Fact]
    public void It_detects_bad_layout() => AssertDetects(AllocError.BadLayout, allocations: 1, frees: 1, () => TestAllocator.Free(TestAllocator.Alloc(Size, Align), 8, 8));

    [Fact]
    public void It_detects_no_data() => AssertDetects(AllocError.NoData, allocations: 0, frees: 0, () => { });

    [Fact]
    public void It_detects_bad_alignment() => AssertDetects(AllocError.BadAlignment, allocations: 1, frees: 1, () => TestAllocator.Free(TestAllocator.Alloc(Size, Align), Size, 1));

    [Fact]
    public void It_detects_bad_size() => AssertDetects(AllocError.BadSize, allocations: 1, frees: 1, () => TestAllocator.Free(TestAllocator.Alloc(Size, Align), 8, Align));

    [Fact]
    public void It_detects_double_free() => AssertDetects(AllocError.DoubleFree, allocations: 1, frees: 2, () =>
    {
        nint p = TestAllocator.Alloc(Size, Align);
        TestAllocator.Free(p, Size, Align);
        TestAllocator.Free(p, Size, Align);
    });

    [Fact]
    public void It_detects_bad_ptr() => AssertDetects(AllocError.BadPtr, allocations: 1, frees: 1, () => TestAllocator.Free(TestAllocator.Alloc(Size, Align) + 1, Size, Align));

    [Fact]
    public void It_works_amongst_many()
    {
        AllocInfo info = Allocs.Record(() => AmongstMany.Run(() => TestAllocator.Free(TestAllocator.Alloc(Size, Align), Size, Align)));

        Assert.Null(info.Error);
        Assert.Equal(AmongstMany.Allocations + 1, info.AllocationCount);
        Assert.Equal(AmongstMany.Allocations + 1, info.FreeCount);
        Assert.Equal(AmongstMany.Bytes + 4, info.BytesAllocated);
        Assert.Equal(AmongstMany.PeakBytes, info.PeakBytes);
        Assert.Equal(AmongstMany.PeakBlocks, info.PeakAllocationCount);
    }

    [Fact]
    public void It_detects_leak_amongst_many() => AssertDetectsAmongstMany(AllocError.Leak, allocations: 1, frees: 0, () => TestAllocator.Alloc(Size, Align));

    [Fact]
    public void It_detects_bad_layout_amongst_many() => AssertDetectsAmongstMany(AllocError.BadLayout, allocations: 1, frees: 1, () => TestAllocator.Free(TestAllocator.Alloc(Size, Align), 8, 8));

    [Fact]
    public void It_detects_bad_alignment_amongst_many() => AssertDetectsAmongstMany(AllocError.BadAlignment, allocations: 1, frees: 1, () => TestAllocator.Free(TestAllocator.Alloc(Size, Align), Size, 1));

    [Fact]
    public void It_detects_bad_size_amongst_many() => AssertDetectsAmongstMany(AllocError.BadSize, allocations: 1, frees: 1, () => TestAllocator.Free(TestAllocator.Alloc(Size, Align), 8, Align));

    [Fact]
    public void It_detects_double_free_amongst_many() => AssertDetectsAmongstMany(AllocError.DoubleFree, allocations: 1, frees: 2, () =>
    {
        nint p = TestAllocator.Alloc(Size, Align);
        TestAllocator.Free(p, Size, Align);
        TestAllocator.Free(p, Size, Align);
    });

    [Fact]
    public void It_detects_bad_ptr_amongst_many() => AssertDetectsAmongstMany(AllocError.BadPtr, allocations: 1, frees: 1, () => TestAllocator.Free(TestAllocator.Alloc(Size, Align) + 1, Size, Align));

    // As the crate does, each test also checks the counts: num_allocs and num_frees.
    private static void AssertDetects(AllocError expected, long allocations, long frees, Action body)
    {
        AllocInfo info = Allocs.Record(body);
        Assert.Equal(expected, info.Error);
        Assert.Equal(allocations, info.AllocationCount);
        Assert.Equal(frees, info.FreeCount);
        AllocException thrown = Assert.Throws<AllocException>(info.ThrowIfError);
        Assert.Equal(expected, thrown.Error);
        Assert.Same(info, thrown.Info);
    }

    private static void AssertDetectsAmongstMany(AllocError expected, long allocations, long frees, Action bug) =>
        AssertDetects(expected, AmongstMany.Allocations + allocations, AmongstMany.Allocations + frees, () => AmongstMany.Run(bug));
}
