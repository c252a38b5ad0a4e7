using System.Buffers;
using System.Runtime.CompilerServices;

namespace Mockalloc.Internal;

/// <summary>The owner <c>TrackedMemoryPool.Rent</c> hands out: reports its disposal, contains a second one.</summary>
internal sealed class TrackedMemoryOwner<T> : IMemoryOwner<T>
{
    private readonly IMemoryOwner<T> _inner;
    private readonly ulong _id = PoolFamily.NewBufferId();
    private readonly ulong _family;
    private readonly ulong _bytes;
    private int _disposed;

    public TrackedMemoryOwner(IMemoryOwner<T> inner, ulong family, int site)
    {
        _inner = inner;
        _family = family;
        _bytes = (ulong)inner.Memory.Length * (ulong)Unsafe.SizeOf<T>();
        RegionFlow.OnAlloc(_id, _bytes, 0, (AllocFamily)family, site);
    }

    public Memory<T> Memory => Volatile.Read(ref _disposed) == 0 ? _inner.Memory : throw new ObjectDisposedException(nameof(IMemoryOwner<T>));

    public void Dispose() => Dispose(site: 0);

    /// <summary>Disposes, recording the release at <paramref name="site"/> (an interned call site, 0 when unknown).</summary>
    public void Dispose(int site)
    {
        RegionFlow.OnFree(_id, _bytes, 0, (AllocFamily)_family, site);
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _inner.Dispose();
        }
    }
}
