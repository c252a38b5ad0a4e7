using System.Buffers;
using Mockalloc.Internal;

namespace Mockalloc.Tracked;

/// <summary>
/// <see cref="MemoryPool{T}.Rent"/> with every rent, and every <see cref="IDisposable.Dispose"/> of the owner it
/// returns, reported to the current region.
/// </summary>
/// <remarks>
/// Inside a region the owner returned wraps the pool's own: its first <c>Dispose</c> (also from a
/// <c>using</c>) records the release and disposes the pool's owner; a second one records a double free and
/// goes no further. The wrapper is one small managed object per rent. Outside regions the pool's own owner
/// is returned.
/// </remarks>
public static class TrackedMemoryPool
{
    /// <summary>Tracked <see cref="MemoryPool{T}.Rent"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="pool">The pool.</param>
    /// <param name="minBufferSize">The minimum buffer length, or -1 for the pool's default.</param>
    /// <returns>An owner whose disposal is tracked.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pool"/> is null.</exception>
    public static IMemoryOwner<T> Rent<T>(MemoryPool<T> pool, int minBufferSize = -1) => Rent(pool, minBufferSize, default);

    /// <inheritdoc cref="Rent{T}(MemoryPool{T}, int)"/>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="pool">The pool.</param>
    /// <param name="minBufferSize">The minimum buffer length, or -1 for the pool's default.</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing; its disposal is traced at the same site.</param>
    public static IMemoryOwner<T> Rent<T>(MemoryPool<T> pool, int minBufferSize, CallSite site)
    {
        ArgumentNullException.ThrowIfNull(pool);
        IMemoryOwner<T> owner = pool.Rent(minBufferSize);
        return RegionFlow.IsRecordingOnThisThread ? new TrackedMemoryOwner<T>(owner, PoolFamily.Of(pool), site.Id) : owner;
    }

    /// <summary>Tracked <see cref="IDisposable.Dispose"/> of an owner, for call sites that name it.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="owner">The owner.</param>
    /// <exception cref="ArgumentNullException"><paramref name="owner"/> is null.</exception>
    public static void Dispose<T>(IMemoryOwner<T> owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        owner.Dispose();
    }
}
