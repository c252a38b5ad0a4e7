using Mockalloc.Core.Tests.Support;

namespace Mockalloc.Core.Tests;

/// <summary>Region lifecycle: recording state, nesting, exceptions, and the async-void trap.</summary>
public sealed class RegionTests
{
    private const nuint Size = 32;
    private const nuint Align = 8;

    [Fact]
    public async Task IsRecording_is_true_only_inside_a_region_and_its_flow()
    {
        Assert.False(Allocs.IsRecording);
        bool inside = false, onPool = false;
        Allocs.Record(() =>
        {
            inside = Allocs.IsRecording;
            onPool = Task.Run(() => Allocs.IsRecording).Result;
        }, new AllocOptions { AllowNoData = true });
        Assert.True(inside);
        Assert.True(onPool);
        Assert.False(Allocs.IsRecording);

        bool afterAwait = false;
        await Allocs.RecordAsync(async () =>
        {
            await Task.Yield();
            afterAwait = Allocs.IsRecording;
        }, new AllocOptions { AllowNoData = true });
        Assert.True(afterAwait);
        Assert.False(Allocs.IsRecording);
    }

    [Fact]
    public void An_event_counts_for_the_inner_region_and_every_enclosing_one()
    {
        AllocInfo? inner = null, middle = null;
        AllocInfo outer = Allocs.Record(() =>
        {
            nint a = TestAllocator.Alloc(Size, Align);
            middle = Allocs.Record(() =>
            {
                inner = Allocs.Record(() => TestAllocator.Alloc(Size, Align));
                TestAllocator.Free(TestAllocator.Alloc(Size, Align), Size, Align);
            });
            TestAllocator.Free(a, Size, Align);
        });

        Assert.Equal(1, inner!.AllocationCount);
        Assert.Equal(AllocError.Leak, inner.Error);
        Assert.Equal(2, middle!.AllocationCount);
        Assert.Equal(1, middle.FreeCount);
        Assert.Equal(AllocError.Leak, middle.Error);
        Assert.Equal(3, outer.AllocationCount);
        Assert.Equal(2, outer.FreeCount);
        Assert.Equal(AllocError.Leak, outer.Error);
    }

    [Fact]
    public void A_nested_region_does_not_wipe_the_outer_one()
    {
        // The Rust crate resets the outer state here, and the outer region then reports a false DoubleFree.
        AllocInfo outer = Allocs.Record(() =>
        {
            nint p = TestAllocator.Alloc(Size, Align);
            Allocs.Record(() => { }, new AllocOptions { AllowNoData = true });
            TestAllocator.Free(p, Size, Align);
        });

        Assert.Null(outer.Error);
        Assert.Equal(1, outer.AllocationCount);
        Assert.Equal(1, outer.FreeCount);
    }

    [Fact]
    public void A_block_from_the_outer_region_freed_in_the_inner_one_is_correct_for_the_outer()
    {
        AllocInfo? inner = null;
        AllocInfo outer = Allocs.Record(() =>
        {
            nint p = TestAllocator.Alloc(Size, Align);
            inner = Allocs.Record(() => TestAllocator.Free(p, Size, Align));
        });

        Assert.Equal(AllocError.DoubleFree, inner!.Error);
        Assert.Null(outer.Error);
    }

    [Fact]
    public void Nested_peaks_compose_with_the_outer_live_bytes()
    {
        AllocInfo outer = Allocs.Record(() =>
        {
            nint held = TestAllocator.Alloc(100, Align);
            Allocs.Record(() => TestAllocator.Free(TestAllocator.Alloc(50, Align), 50, Align));
            TestAllocator.Free(held, 100, Align);
        });

        Assert.Equal(150, outer.PeakBytes);
        Assert.Equal(2, outer.PeakAllocationCount);
    }

    [Fact]
    public void An_exception_from_the_body_propagates_unchanged_and_ends_the_region()
    {
        var thrown = new InvalidOperationException("from the body");
        InvalidOperationException caught = Assert.Throws<InvalidOperationException>(() => Allocs.Record(() => throw thrown));
        Assert.Same(thrown, caught);
        Assert.False(Allocs.IsRecording);
    }

    [Fact]
    public void Assert_reports_the_bodys_exception_not_the_allocation_error()
    {
        var thrown = new InvalidOperationException("from the body");
        InvalidOperationException caught = Assert.Throws<InvalidOperationException>(() => Allocs.Assert(() =>
        {
            TestAllocator.Alloc(Size, Align);
            throw thrown;
        }));
        Assert.Same(thrown, caught);
    }

    [Fact]
    public async Task AssertAsync_reports_the_bodys_exception_not_the_allocation_error()
    {
        InvalidOperationException caught = await Assert.ThrowsAsync<InvalidOperationException>(() => Allocs.AssertAsync(async () =>
        {
            TestAllocator.Alloc(Size, Align);
            await Task.Yield();
            throw new InvalidOperationException("from the body");
        }));
        Assert.Equal("from the body", caught.Message);
        Assert.False(Allocs.IsRecording);
    }

    [Fact]
    public void Events_of_a_body_that_threw_still_count_for_the_enclosing_region()
    {
        AllocInfo outer = Allocs.Record(() =>
        {
            try
            {
                Allocs.Record(() =>
                {
                    TestAllocator.Alloc(Size, Align);
                    throw new InvalidOperationException();
                });
            }
            catch (InvalidOperationException)
            {
            }
        });

        Assert.Equal(AllocError.Leak, outer.Error);
        Assert.Equal(1, outer.AllocationCount);
    }

    [Fact]
    public void Assert_throws_AllocException_for_a_bug()
    {
        AllocException thrown = Assert.Throws<AllocException>(() => Allocs.Assert(() => TestAllocator.Alloc(Size, Align)));
        Assert.Equal(AllocError.Leak, thrown.Error);
        Assert.Equal(1, thrown.Info.LeakCount);
    }

    [Fact]
    public async Task AssertAsync_throws_AllocException_for_a_bug()
    {
        AllocException thrown = await Assert.ThrowsAsync<AllocException>(() => Allocs.AssertAsync(async () =>
        {
            await Task.Yield();
            TestAllocator.Alloc(Size, Align);
        }));
        Assert.Equal(AllocError.Leak, thrown.Error);
    }

    [Fact]
    public void An_async_lambda_bound_to_Action_is_rejected_with_the_fix()
    {
        ArgumentException thrown = Assert.Throws<ArgumentException>(() => Allocs.Record(async () => await Task.Yield()));
        Assert.Equal("body", thrown.ParamName);
        Assert.Contains("RecordAsync", thrown.Message, StringComparison.Ordinal);
        Assert.False(Allocs.IsRecording);
    }

    [Fact]
    public void Null_bodies_are_rejected()
    {
        Assert.Equal("body", Assert.Throws<ArgumentNullException>(() => Allocs.Record(null!)).ParamName);
        Assert.Equal("body", Assert.Throws<ArgumentNullException>(() => { _ = Allocs.RecordAsync(null!); }).ParamName);
        Assert.Equal("body", Assert.Throws<ArgumentNullException>(() => Allocs.Assert(null!)).ParamName);
    }

    [Fact]
    public async Task A_body_that_returns_a_null_task_is_an_empty_region()
    {
        AllocInfo info = await Allocs.RecordAsync(() => null!);
        Assert.Equal(AllocError.NoData, info.Error);
    }
}
