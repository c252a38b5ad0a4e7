using System.Buffers;

namespace Mockalloc.Internal;

/// <summary>
/// Gives a pooled array back to its pool without knowing its element type at the call: what a quarantine
/// needs to release the arrays it held. One instance per element type, made once.
/// </summary>
internal abstract class PoolReturner
{
    /// <summary>Returns <paramref name="array"/> to <paramref name="pool"/>, an <c>ArrayPool&lt;T&gt;</c> of this returner's <c>T</c>.</summary>
    public abstract void Return(object pool, Array array);

    /// <summary>The returner for <typeparamref name="T"/>; made outside any region's accounting.</summary>
    public static PoolReturner For<T>() => PoolReturner<T>.Instance ?? PoolReturner<T>.Create();
}

/// <summary>The <see cref="PoolReturner"/> for arrays of <typeparamref name="T"/>.</summary>
internal sealed class PoolReturner<T> : PoolReturner
{
    /// <summary>The one instance, once made.</summary>
    public static PoolReturner<T>? Instance;

    /// <inheritdoc/>
    public override void Return(object pool, Array array) => ((ArrayPool<T>)pool).Return((T[])array);

    /// <summary>Makes the instance: the tracker's own memory, never the region's.</summary>
    public static PoolReturner<T> Create()
    {
        using RegionFlow.TrackerWork work = RegionFlow.StartTrackerWork();
        return Instance ??= new PoolReturner<T>();
    }
}
