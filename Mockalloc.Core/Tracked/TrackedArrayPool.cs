using System.Buffers;
using System.Runtime.CompilerServices;
using Mockalloc.Internal;

namespace Mockalloc.Tracked;

/// <summary>
/// <see cref="ArrayPool{T}.Rent"/> and <see cref="ArrayPool{T}.Return"/> with every rent and return reported to
/// the current region, for the shared pool and custom pools alike (each pool instance is its own family).
/// </summary>
/// <remarks>
/// <para>Arrays rented inside a region are kept in an exact table until returned; outside regions, while that
/// table is empty, both calls cost what the pool's own do. A return of an array that is not rented (a
/// second return, or an array the pool never handed out) is reported and, inside a region, not passed to
/// the pool, so that the pool never hands one array to two renters. An array returned to another pool than
/// its own is reported as MismatchedFree and, inside a region, goes back to its own pool.</para>
/// <para>Inside a region a returned array goes back to its pool only after 16 more returns, or when the
/// region ends (a quarantine, as debug heaps delay reusing freed blocks): so a stale second return, made
/// after the pool would already have handed the array to someone else, is still caught and contained. The
/// pool may therefore make up to 16 more arrays per size than it would otherwise. <c>clearArray</c> clears
/// at the return, as the pool would.</para>
/// <para>Empty arrays are not tracked: <c>Rent(0)</c> returns the shared <see cref="Array.Empty{T}"/>, which
/// holds nothing and which every pool accepts back.</para>
/// <para>A null pool throws <see cref="NullReferenceException"/>, as the instance call it stands for does.</para>
/// </remarks>
public static class TrackedArrayPool
{
    /// <summary>Tracked <see cref="ArrayPool{T}.Rent"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="pool">The pool.</param>
    /// <param name="minimumLength">The minimum length of the array.</param>
    /// <returns>An array of at least <paramref name="minimumLength"/> elements.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minimumLength"/> is negative.</exception>
    public static T[] Rent<T>(ArrayPool<T> pool, int minimumLength) => Rent(pool, minimumLength, default);

    /// <inheritdoc cref="Rent{T}(ArrayPool{T}, int)"/>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="pool">The pool.</param>
    /// <param name="minimumLength">The minimum length of the array.</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static T[] Rent<T>(ArrayPool<T> pool, int minimumLength, CallSite site)
    {
        T[] array = pool.Rent(minimumLength);
        if (array.Length != 0 && RegionFlow.IsRecordingOnThisThread)
        {
            ulong id = PoolFamily.NewBufferId();
            ArrayRentals.Rented(array, pool, id);
            RegionFlow.OnAlloc(id, Bytes(array), 0, (AllocFamily)PoolFamily.Of(pool), site.Id);
        }
        return array;
    }

    /// <summary>Tracked <see cref="ArrayPool{T}.Return"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="pool">The pool the array is returned to.</param>
    /// <param name="array">The array.</param>
    /// <param name="clearArray">Whether to clear the array first.</param>
    /// <exception cref="ArgumentNullException"><paramref name="array"/> is null.</exception>
    /// <exception cref="ArgumentException">Outside regions, the pool's own exception for an array it cannot take back.</exception>
    public static void Return<T>(ArrayPool<T> pool, T[] array, bool clearArray = false) => Return(pool, array, clearArray, default);

    /// <inheritdoc cref="Return{T}(ArrayPool{T}, T[], bool)"/>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="pool">The pool the array is returned to.</param>
    /// <param name="array">The array.</param>
    /// <param name="clearArray">Whether to clear the array first.</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static void Return<T>(ArrayPool<T> pool, T[] array, bool clearArray, CallSite site)
    {
        if (pool is null)
        {
            NullInstance.Throw("pool");   // before anything is recorded, as the instance call would
        }
        Region? region = RegionFlow.ActiveRegionOnThisThread;
        if (array is null || array.Length == 0 || (region is null && ArrayRentals.IsEmpty))
        {
            pool.Return(array!, clearArray);   // the pool's own behaviour, and its exception for a null array
        }
        else if (region is not null)
        {
            ReturnInRegion(region, pool, array, clearArray, site.Id);
        }
        else if (ArrayRentals.TryRemoveRented(array, out _, out bool quarantined) || !quarantined)
        {
            pool.Return(array, clearArray);
        }
        // else: a second return, outside every region, of an array a region holds back: dropped, so the
        // pool does not hand it out twice.
    }

    private static void ReturnInRegion<T>(Region region, ArrayPool<T> pool, T[] array, bool clearArray, int site)
    {
        if (!ArrayRentals.MarkReturned(array, out ArrayRentals.Rental rental))
        {
            // Never rented through tracking (or rented before any region): reported, kept from the pool.
            RegionFlow.OnFree(PoolFamily.ForeignBufferId(array), Bytes(array), 0, (AllocFamily)PoolFamily.Of(pool), site);
            return;
        }
        RegionFlow.OnFree(rental.Id, Bytes(array), 0, (AllocFamily)PoolFamily.OfRelease(rental.Pool, pool), site);
        if (!rental.Returned)
        {
            if (clearArray)
            {
                Array.Clear(array);
            }
            region.Quarantine.Hold(new QuarantinedArray(array, rental.Pool, PoolReturner.For<T>(), rental.Id));
        }
        // else: a second return of an array held back: the region reports it, the pool never sees it.
    }

    private static ulong Bytes<T>(T[] array) => (ulong)array.Length * (ulong)Unsafe.SizeOf<T>();
}
