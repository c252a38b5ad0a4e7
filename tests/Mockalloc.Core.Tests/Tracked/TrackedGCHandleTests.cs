using System.Runtime.InteropServices;
using Mockalloc.Tracked;

namespace Mockalloc.Core.Tests.Tracked;

/// <summary><see cref="TrackedGCHandle"/>: handles behave as the BCL's, leaks and double frees are found and contained.</summary>
public sealed class TrackedGCHandleTests
{
    private readonly object _target = new();

    [Fact]
    public void Alloc_and_Free_round_trip_and_clear_the_handle()
    {
        AllocInfo info = Allocs.Record(() =>
        {
            GCHandle handle = TrackedGCHandle.Alloc(_target);
            Assert.Same(_target, handle.Target);
            GCHandle pinned = TrackedGCHandle.Alloc(new byte[4], GCHandleType.Pinned);
            Assert.NotEqual(0, pinned.AddrOfPinnedObject());
            TrackedGCHandle.Free(ref handle);
            TrackedGCHandle.Free(ref pinned);
            Assert.False(handle.IsAllocated);
        });

        Assert.Null(info.Error);
        Assert.Equal(2, info.AllocationCount);
    }

    [Fact]
    public void A_handle_never_freed_is_a_leak() =>
        Assert.Equal(AllocError.Leak, Allocs.Record(() => TrackedGCHandle.Alloc(_target)).Error);

    [Fact]
    public void Freeing_a_copy_after_the_original_is_a_DoubleFree_and_never_reaches_the_runtime()
    {
        AllocInfo info = Allocs.Record(() =>
        {
            GCHandle handle = TrackedGCHandle.Alloc(_target);
            GCHandle copy = handle;
            TrackedGCHandle.Free(ref handle);
            TrackedGCHandle.Free(ref copy);
            Assert.False(copy.IsAllocated);
        });

        Assert.Equal(AllocError.DoubleFree, info.Error);
    }

    [Fact]
    public void ToIntPtr_and_FromIntPtr_keep_the_identity()
    {
        AllocInfo info = Allocs.Record(() =>
        {
            nint cookie = GCHandle.ToIntPtr(TrackedGCHandle.Alloc(_target));
            GCHandle back = GCHandle.FromIntPtr(cookie);
            TrackedGCHandle.Free(ref back);
        });

        Assert.Null(info.Error);
    }

    [Fact]
    public void Freeing_a_default_handle_throws_as_the_BCL_does()
    {
        GCHandle none = default;
        Assert.Throws<InvalidOperationException>(() => TrackedGCHandle.Free(ref none));
    }

    [Fact]
    public void A_handle_allocated_by_untracked_code_is_freed_as_the_BCL_would_outside_regions()
    {
        GCHandle untracked = GCHandle.Alloc(_target);
        TrackedGCHandle.Free(ref untracked);
        Assert.False(untracked.IsAllocated);
    }

    [Fact]
    public void Typed_handles_are_tracked()
    {
        AllocInfo info = Allocs.Record(() =>
        {
            GCHandle<object> strong = TrackedGCHandle.NewGCHandle(_target);
            PinnedGCHandle<byte[]> pinned = TrackedGCHandle.NewPinnedGCHandle(new byte[8]);
            WeakGCHandle<object> weak = TrackedGCHandle.NewWeakGCHandle(_target);
            Assert.Same(_target, strong.Target);
            Assert.True(weak.TryGetTarget(out object? target) && target == _target);
            TrackedGCHandle.Dispose(ref strong);
            TrackedGCHandle.Dispose(ref pinned);
            TrackedGCHandle.Dispose(ref weak);
        });

        Assert.Null(info.Error);
        Assert.Equal(3, info.AllocationCount);
    }

    [Fact]
    public void A_typed_handle_disposed_twice_through_a_copy_is_a_DoubleFree()
    {
        AllocInfo info = Allocs.Record(() =>
        {
            GCHandle<object> handle = TrackedGCHandle.NewGCHandle(_target);
            GCHandle<object> copy = handle;
            TrackedGCHandle.Dispose(ref handle);
            TrackedGCHandle.Dispose(ref copy);
        });

        Assert.Equal(AllocError.DoubleFree, info.Error);
    }

    [Fact]
    public void Pinned_and_weak_typed_handles_leak_and_double_free_like_any_other()
    {
        Assert.Equal(AllocError.Leak, Allocs.Record(() => TrackedGCHandle.NewPinnedGCHandle(new byte[8])).Error);
        Assert.Equal(AllocError.Leak, Allocs.Record(() => TrackedGCHandle.NewWeakGCHandle(_target)).Error);
        AllocInfo info = Allocs.Record(() =>
        {
            PinnedGCHandle<byte[]> pinned = TrackedGCHandle.NewPinnedGCHandle(new byte[8]);
            PinnedGCHandle<byte[]> copy = pinned;
            TrackedGCHandle.Dispose(ref pinned);
            TrackedGCHandle.Dispose(ref copy);
        });
        Assert.Equal(AllocError.DoubleFree, info.Error);
    }

    [Fact]
    public void Invalid_handle_arguments_throw_what_the_BCL_throws()
    {
        Assert.Throws<ArgumentException>(() => GCHandle.Alloc(new object[1], GCHandleType.Pinned));
        Assert.Throws<ArgumentException>(() => TrackedGCHandle.Alloc(new object[1], GCHandleType.Pinned));   // holds references: not pinnable
        Assert.Throws<ArgumentOutOfRangeException>(() => GCHandle.Alloc(new object(), (GCHandleType)42));
        Assert.Throws<ArgumentOutOfRangeException>(() => TrackedGCHandle.Alloc(new object(), (GCHandleType)42));
        // A null target is allowed by both, as GCHandle.Alloc(null) is.
        var raw = new GCHandle<object>(null!);
        GCHandle<object> tracked = TrackedGCHandle.NewGCHandle<object>(null!);
        Assert.Null(raw.Target);
        Assert.Null(tracked.Target);
        raw.Dispose();
        TrackedGCHandle.Dispose(ref tracked);
    }
}
