using System.Buffers;
using System.Runtime.CompilerServices;
using Mockalloc.Internal;

namespace Mockalloc.Tracked;

/// <summary>
/// <see cref="ArrayPool{T}.Rent"/> and <see cref="ArrayPool{T}.Return"/> with every rent and return reported to
/// the current region, for the shared pool and custom pools alike (each pool instance is its own family).
/// </summary>
/// <remarks>
/// Arrays rented inside a region are kept in an exact table until returned; outside regions, while that
/// table is empty, both calls cost what the pool's own do. A return of an array that is not rented (a
/// second return, or an array the pool never handed out) is reported and, inside a region, not passed to
/// the pool, so that the pool never hands one array to two renters. An array returned to another pool than
/// its own is reported as MismatchedFree and, inside a region, goes back to its own pool.
/// </remarks>
public static class TrackedArrayPool
{
    private static readonly LiveTable<object, (ulong Id, object Pool)> Rented = new(ReferenceEqualityComparer.Instance);

    /// <summary>Tracked <see cref="ArrayPool{T}.Rent"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="pool">The pool.</param>
    /// <param name="minimumLength">The minimum length of the array.</param>
    /// <returns>An array of at least <paramref name="minimumLength"/> elements.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pool"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minimumLength"/> is negative.</exception>
    public static T[] Rent<T>(ArrayPool<T> pool, int minimumLength) => Rent(pool, minimumLength, default);

    /// <inheritdoc cref="Rent{T}(ArrayPool{T}, int)"/>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="pool">The pool.</param>
    /// <param name="minimumLength">The minimum length of the array.</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static T[] Rent<T>(ArrayPool<T> pool, int minimumLength, CallSite site)
    {
        ArgumentNullException.ThrowIfNull(pool);
        T[] array = pool.Rent(minimumLength);
        if (RegionFlow.IsRecordingOnThisThread)
        {
            ulong id = PoolFamily.NewBufferId();
            Rented.Add(array, (id, pool));
            RegionFlow.OnAlloc(id, Bytes(array), 0, (AllocFamily)PoolFamily.Of(pool), site.Id);
        }
        return array;
    }

    /// <summary>Tracked <see cref="ArrayPool{T}.Return"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="pool">The pool the array is returned to.</param>
    /// <param name="array">The array.</param>
    /// <param name="clearArray">Whether to clear the array first.</param>
    /// <exception cref="ArgumentNullException"><paramref name="pool"/> or <paramref name="array"/> is null.</exception>
    public static void Return<T>(ArrayPool<T> pool, T[] array, bool clearArray = false) => Return(pool, array, clearArray, default);

    /// <inheritdoc cref="Return{T}(ArrayPool{T}, T[], bool)"/>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="pool">The pool the array is returned to.</param>
    /// <param name="array">The array.</param>
    /// <param name="clearArray">Whether to clear the array first.</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static void Return<T>(ArrayPool<T> pool, T[] array, bool clearArray, CallSite site)
    {
        ArgumentNullException.ThrowIfNull(pool);
        if (array is null)
        {
            pool.Return(array!, clearArray);   // the pool's own exception for a null array
            return;
        }
        bool recording = RegionFlow.IsRecordingOnThisThread;
        if (!recording && Rented.IsEmpty)
        {
            pool.Return(array, clearArray);
        }
        else if (Rented.TryRemove(array, out (ulong Id, object Pool) rental))
        {
            RegionFlow.OnFree(rental.Id, Bytes(array), 0, (AllocFamily)PoolFamily.OfRelease(rental.Pool, pool), site.Id);
            ArrayPool<T> home = recording ? (ArrayPool<T>)rental.Pool : pool;
            home.Return(array, clearArray);
        }
        else if (recording)
        {
            RegionFlow.OnFree(PoolFamily.ForeignBufferId(array), Bytes(array), 0, (AllocFamily)PoolFamily.Of(pool), site.Id);
        }
        else
        {
            pool.Return(array, clearArray);
        }
    }

    private static ulong Bytes<T>(T[] array) => (ulong)array.Length * (ulong)Unsafe.SizeOf<T>();
}
