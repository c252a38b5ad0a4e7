using System.Buffers;
using Mockalloc.Tracked;

namespace Mockalloc.Core.Tests.Tracked;

/// <summary><see cref="TrackedArrayPool"/> and <see cref="TrackedMemoryPool"/>: rent and return tracked, pools protected.</summary>
public sealed class TrackedPoolTests
{
    [Fact]
    public void Rent_and_return_balance_for_the_shared_and_custom_pools()
    {
        ArrayPool<int> custom = ArrayPool<int>.Create();
        AllocInfo info = Allocs.Record(() =>
        {
            byte[] a = TrackedArrayPool.Rent(ArrayPool<byte>.Shared, 100);
            int[] b = TrackedArrayPool.Rent(custom, 10);
            Assert.True(a.Length >= 100 && b.Length >= 10);
            TrackedArrayPool.Return(ArrayPool<byte>.Shared, a);
            TrackedArrayPool.Return(custom, b, clearArray: true);
        });

        Assert.Null(info.Error);
        Assert.Equal(2, info.AllocationCount);
        Assert.Equal(info.BytesAllocated, info.BytesFreed);
    }

    [Fact]
    public void A_rented_array_never_returned_is_a_leak() =>
        Assert.Equal(AllocError.Leak, Allocs.Record(() => TrackedArrayPool.Rent(ArrayPool<byte>.Shared, 16)).Error);

    [Fact]
    public void A_double_return_is_reported_and_does_not_hand_one_array_to_two_renters()
    {
        ArrayPool<byte> pool = ArrayPool<byte>.Create();
        byte[]? first = null, second = null;
        AllocInfo info = Allocs.Record(() =>
        {
            byte[] array = TrackedArrayPool.Rent(pool, 64);
            byte[] held = TrackedArrayPool.Rent(pool, 64);
            TrackedArrayPool.Return(pool, array);
            TrackedArrayPool.Return(pool, array);
            first = TrackedArrayPool.Rent(pool, 64);
            second = TrackedArrayPool.Rent(pool, 64);
            TrackedArrayPool.Return(pool, first);
            TrackedArrayPool.Return(pool, second);
            TrackedArrayPool.Return(pool, held);
        });

        Assert.Equal(AllocError.DoubleFree, info.Error);
        Assert.NotSame(first, second);
    }

    [Fact]
    public void Without_tracking_the_same_double_return_does_hand_one_array_to_two_renters()
    {
        // The bug the test above guards against, shown on the raw pool.
        ArrayPool<byte> pool = ArrayPool<byte>.Create();
        byte[] array = pool.Rent(64);
        byte[] held = pool.Rent(64);
        pool.Return(array);
        pool.Return(array);
        Assert.Same(pool.Rent(64), pool.Rent(64));
        pool.Return(held);
    }

    [Fact]
    public void An_array_the_pool_never_rented_is_BadPtr_and_not_given_to_the_pool()
    {
        ArrayPool<byte> pool = ArrayPool<byte>.Create();
        byte[] foreign = new byte[64];
        AllocInfo info = Allocs.Record(() =>
        {
            byte[] rented = TrackedArrayPool.Rent(pool, 64);
            TrackedArrayPool.Return(pool, foreign);
            _ = rented;
        });

        Assert.Equal(AllocError.BadPtr, info.Error);
        Assert.NotSame(foreign, pool.Rent(64));
    }

    [Fact]
    public void An_array_returned_to_another_pool_is_MismatchedFree_and_goes_home()
    {
        ArrayPool<byte> home = ArrayPool<byte>.Create();
        ArrayPool<byte> other = ArrayPool<byte>.Create();
        byte[]? array = null;
        AllocInfo info = Allocs.Record(() =>
        {
            array = TrackedArrayPool.Rent(home, 64);
            TrackedArrayPool.Return(other, array);
        });

        Assert.Equal(AllocError.MismatchedFree, info.Error);
        Assert.Same(array, home.Rent(64));
    }

    [Fact]
    public void A_null_array_or_pool_throws_as_the_BCL_call_does()
    {
        Assert.Equal("array", Assert.Throws<ArgumentNullException>(() => TrackedArrayPool.Return(ArrayPool<byte>.Shared, null!)).ParamName);
        Assert.Throws<NullReferenceException>(() => TrackedArrayPool.Rent<byte>(null!, 1));
        Assert.Throws<NullReferenceException>(() => TrackedArrayPool.Return<byte>(null!, new byte[16]));
        Assert.Throws<ArgumentOutOfRangeException>(() => TrackedArrayPool.Rent(ArrayPool<byte>.Shared, -1));
    }

    [Fact]
    public void A_null_pool_inside_a_region_throws_before_anything_is_recorded()
    {
        AllocInfo info = Allocs.Record(() =>
        {
            byte[] array = TrackedArrayPool.Rent(ArrayPool<byte>.Shared, 16);
            Assert.Throws<NullReferenceException>(() => TrackedArrayPool.Return<byte>(null!, array));
            Assert.Throws<NullReferenceException>(() => TrackedMemoryPool.Dispose<byte>(null!));
            TrackedArrayPool.Return(ArrayPool<byte>.Shared, array);
        });

        Assert.Null(info.Error);
        Assert.Equal(1, info.FreeCount);
    }

    [Fact]
    public void A_stale_return_after_the_array_was_rented_again_is_caught_and_never_shares_the_array()
    {
        ArrayPool<byte> pool = ArrayPool<byte>.Create();
        byte[]? first = null, second = null, third = null;
        AllocInfo info = Allocs.Record(() =>
        {
            first = TrackedArrayPool.Rent(pool, 64);
            TrackedArrayPool.Return(pool, first);
            second = TrackedArrayPool.Rent(pool, 64);   // the raw pool would hand out `first` again here
            TrackedArrayPool.Return(pool, first);       // the first renter's stale, second return
            third = TrackedArrayPool.Rent(pool, 64);
            TrackedArrayPool.Return(pool, second);
            TrackedArrayPool.Return(pool, third);
        });

        Assert.Equal(AllocError.DoubleFree, info.Error);
        Assert.NotSame(first, second);
        Assert.NotSame(second, third);
        Assert.NotSame(first, third);
    }

    [Fact]
    public void Without_tracking_a_stale_return_after_a_rerent_hands_one_array_to_two_renters()
    {
        // The bug the test above guards against, on the raw pool.
        ArrayPool<byte> pool = ArrayPool<byte>.Create();
        byte[] first = pool.Rent(64);
        pool.Return(first);
        byte[] second = pool.Rent(64);
        pool.Return(first);
        byte[] third = pool.Rent(64);
        Assert.Same(first, second);
        Assert.Same(second, third);
    }

    [Fact]
    public void Arrays_held_back_go_home_when_the_region_ends()
    {
        ArrayPool<byte> pool = ArrayPool<byte>.Create();
        byte[]? array = null;
        AllocInfo info = Allocs.Record(() =>
        {
            array = TrackedArrayPool.Rent(pool, 64);
            array.AsSpan().Fill(7);
            TrackedArrayPool.Return(pool, array, clearArray: true);
        });

        Assert.Null(info.Error);
        byte[] again = pool.Rent(64);
        Assert.Same(array, again);
        Assert.All(again, b => Assert.Equal(0, b));   // cleared at the return, as the pool would
        TrackedArrayPool.Return(pool, again);
    }

    [Fact]
    public void A_long_loop_of_rents_reuses_arrays_once_they_leave_quarantine()
    {
        // If held-back arrays never went back, the pool would make a new array on every rent.
        ArrayPool<byte> pool = ArrayPool<byte>.Create();
        var seen = new HashSet<byte[]>(ReferenceEqualityComparer.Instance);
        AllocInfo info = Allocs.Record(() =>
        {
            for (int i = 0; i < 1000; i++)
            {
                byte[] array = TrackedArrayPool.Rent(pool, 1024);
                seen.Add(array);
                TrackedArrayPool.Return(pool, array);
            }
        });

        Assert.Null(info.Error);
        Assert.Equal(1000, info.AllocationCount);
        Assert.InRange(seen.Count, 2, 20);
    }

    [Fact]
    public void Empty_rents_are_not_tracked_and_their_returns_are_accepted()
    {
        AllocInfo info = Allocs.Record(() =>
        {
            byte[] a = TrackedArrayPool.Rent(ArrayPool<byte>.Shared, 0);
            byte[] b = TrackedArrayPool.Rent(ArrayPool<byte>.Shared, 0);
            Assert.Same(Array.Empty<byte>(), a);
            TrackedArrayPool.Return(ArrayPool<byte>.Shared, a);
            TrackedArrayPool.Return(ArrayPool<byte>.Shared, b);
            TrackedArrayPool.Return(ArrayPool<byte>.Shared, Array.Empty<byte>());
        }, new AllocOptions { AllowNoData = true });

        Assert.Null(info.Error);
        Assert.Equal(0, info.AllocationCount);
        Assert.Equal(0, info.FreeCount);
    }

    [Fact]
    public void Concurrent_regions_renting_empty_arrays_do_not_disturb_each_other()
    {
        var results = new AllocInfo[8];
        using var barrier = new Barrier(results.Length);
        Thread[] threads = Enumerable.Range(0, results.Length).Select(r => new Thread(() =>
            results[r] = Allocs.Record(() =>
            {
                byte[] empty = TrackedArrayPool.Rent(ArrayPool<byte>.Shared, 0);
                byte[] real = TrackedArrayPool.Rent(ArrayPool<byte>.Shared, 16);
                barrier.SignalAndWait();   // every region holds its empty array at once
                TrackedArrayPool.Return(ArrayPool<byte>.Shared, empty);
                TrackedArrayPool.Return(ArrayPool<byte>.Shared, real);
            }))).ToArray();
        Array.ForEach(threads, t => t.Start());
        Array.ForEach(threads, t => t.Join());

        Assert.All(results, r => Assert.Null(r.Error));
        Assert.All(results, r => Assert.Equal(1, r.AllocationCount));
    }

    [Fact]
    public void A_memory_owner_disposed_by_using_balances()
    {
        AllocInfo info = Allocs.Record(() =>
        {
            using IMemoryOwner<char> owner = TrackedMemoryPool.Rent(MemoryPool<char>.Shared, 32);
            owner.Memory.Span[0] = 'x';
        });

        Assert.Null(info.Error);
        Assert.Equal(1, info.AllocationCount);
    }

    [Fact]
    public void A_memory_owner_never_disposed_is_a_leak() =>
        Assert.Equal(AllocError.Leak, Allocs.Record(() => TrackedMemoryPool.Rent(MemoryPool<byte>.Shared, 16)).Error);

    [Fact]
    public void A_memory_owner_disposed_twice_is_a_DoubleFree_and_returns_its_buffer_once()
    {
        AllocInfo info = Allocs.Record(() =>
        {
            IMemoryOwner<byte> owner = TrackedMemoryPool.Rent(MemoryPool<byte>.Shared, 16);
            owner.Dispose();
            TrackedMemoryPool.Dispose(owner);
            Assert.Throws<ObjectDisposedException>(() => owner.Memory);
        });

        Assert.Equal(AllocError.DoubleFree, info.Error);
    }

    [Fact]
    public void A_memory_owner_rented_before_the_region_and_disposed_inside_fails_it()
    {
        IMemoryOwner<byte> owner = TrackedMemoryPool.Rent(MemoryPool<byte>.Shared, 16);
        AllocInfo info = Allocs.Record(() => TrackedMemoryPool.Dispose(owner));

        Assert.Equal(AllocError.DoubleFree, info.Error);
        Assert.Throws<ObjectDisposedException>(() => owner.Memory);   // disposed for real, as the BCL call would
        TrackedMemoryPool.Dispose(owner);   // a second, untracked dispose is a no-op, as the BCL's
    }

    [Fact]
    public void A_null_memory_pool_or_owner_throws_as_the_BCL_call_does()
    {
        Assert.Throws<NullReferenceException>(() => TrackedMemoryPool.Rent<byte>(null!, 16));
        Assert.Throws<NullReferenceException>(() => TrackedMemoryPool.Dispose<byte>(null!));
    }

    [Fact]
    public void Empty_memory_pool_rents_are_tracked_like_any_other()
    {
        // Unlike ArrayPool's Array.Empty, each MemoryPool owner is its own object that must be disposed.
        Assert.Equal(AllocError.Leak, Allocs.Record(() => TrackedMemoryPool.Rent(MemoryPool<byte>.Shared, 0)).Error);
    }
}
