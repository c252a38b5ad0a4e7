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
    public void A_null_array_or_pool_throws_as_the_BCL_does()
    {
        Assert.Equal("array", Assert.Throws<ArgumentNullException>(() => TrackedArrayPool.Return(ArrayPool<byte>.Shared, null!)).ParamName);
        Assert.Equal("pool", Assert.Throws<ArgumentNullException>(() => TrackedArrayPool.Rent<byte>(null!, 1)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => TrackedArrayPool.Rent(ArrayPool<byte>.Shared, -1));
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
}
