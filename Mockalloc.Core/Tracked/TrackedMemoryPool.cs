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
/// is returned; disposing such an owner inside a region through <see cref="Dispose{T}(IMemoryOwner{T}, CallSite)"/>
/// (what an intercepted <c>owner.Dispose()</c> calls) is reported like any release the region never saw
/// acquired. A <c>using</c> statement's implicit <c>Dispose</c> cannot be redirected, so only owners rented
/// inside the region are tracked there. A null pool or owner throws <see cref="NullReferenceException"/>, as
/// the instance call it stands for does.
/// </remarks>
public static class TrackedMemoryPool
{
    /// <summary>Tracked <see cref="MemoryPool{T}.Rent"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="pool">The pool.</param>
    /// <param name="minBufferSize">The minimum buffer length, or -1 for the pool's default.</param>
    /// <returns>An owner whose disposal is tracked.</returns>
    public static IMemoryOwner<T> Rent<T>(MemoryPool<T> pool, int minBufferSize = -1) => Rent(pool, minBufferSize, default);

    /// <inheritdoc cref="Rent{T}(MemoryPool{T}, int)"/>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="pool">The pool.</param>
    /// <param name="minBufferSize">The minimum buffer length, or -1 for the pool's default.</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static IMemoryOwner<T> Rent<T>(MemoryPool<T> pool, int minBufferSize, CallSite site)
    {
        IMemoryOwner<T> owner = pool.Rent(minBufferSize);
        return RegionFlow.IsRecordingOnThisThread ? new TrackedMemoryOwner<T>(owner, PoolFamily.Of(pool), site.Id) : owner;
    }

    /// <summary>Tracked <see cref="IDisposable.Dispose"/> of an owner, for call sites that name it.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="owner">The owner.</param>
    public static void Dispose<T>(IMemoryOwner<T> owner) => Dispose(owner, default);

    /// <inheritdoc cref="Dispose{T}(IMemoryOwner{T})"/>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="owner">The owner.</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static void Dispose<T>(IMemoryOwner<T> owner, CallSite site)
    {
        if (owner is null)
        {
            NullInstance.Throw("owner");
        }
        if (owner is TrackedMemoryOwner<T> tracked)
        {
            tracked.Dispose(site.Id);
            return;
        }
        if (RegionFlow.IsRecordingOnThisThread)
        {
            // An owner this region never saw rented (rented before it, or by untracked code); its size is
            // unknown (a disposed owner's Memory throws), as a foreign pointer's is.
            RegionFlow.OnFree(PoolFamily.ForeignBufferId(owner), 0, 0, (AllocFamily)PoolFamily.PoolBit, site.Id);
        }
        owner.Dispose();
    }
}
