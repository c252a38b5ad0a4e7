using System.Runtime.CompilerServices;

namespace Mockalloc.Internal;

/// <summary>
/// Family values for pools: each pool instance is its own family, so a buffer returned to another pool
/// than it was rented from reports MismatchedFree.
/// </summary>
internal static class PoolFamily
{
    /// <summary>Set in every pool family value.</summary>
    public const ulong PoolBit = 1UL << 40;
    private const ulong OtherPoolBit = 1UL << 41;
    private static int s_threads;

    // Per thread: a tag (once) and a counter, so a fresh identity costs no atomic operation.
    [ThreadStatic]
    private static ulong t_nextId;

    /// <summary>The family of <paramref name="pool"/>: distinct from the native families and stable for the pool's life.</summary>
    public static ulong Of(object pool) => PoolBit | (uint)RuntimeHelpers.GetHashCode(pool);

    /// <summary>
    /// The family a release through <paramref name="returnedTo"/> reports for a buffer rented from
    /// <paramref name="rentedFrom"/>: the renting pool's family when they are the same instance, and a
    /// different one otherwise (even if two pools' hash codes collide).
    /// </summary>
    public static ulong OfRelease(object rentedFrom, object returnedTo) =>
        ReferenceEquals(rentedFrom, returnedTo) ? Of(rentedFrom) : Of(returnedTo) | OtherPoolBit;

    /// <summary>
    /// A fresh identity for a rented buffer (object addresses move, so buffers get numbers): the thread's
    /// tag in the high bits, a per-thread count below, so no two buffers share one in a process's life
    /// (2^22 threads × 2^40 rentals each).
    /// </summary>
    public static ulong NewBufferId()
    {
        ulong next = t_nextId;
        if (next == 0)
        {
            next = (ulong)(uint)Interlocked.Increment(ref s_threads) << 40;
        }
        t_nextId = next + 1;
        return next + 1;
    }

    /// <summary>An identity for a buffer that was never rented through tracking.</summary>
    public static ulong ForeignBufferId(object buffer) => (1UL << 63) | (uint)RuntimeHelpers.GetHashCode(buffer);
}
