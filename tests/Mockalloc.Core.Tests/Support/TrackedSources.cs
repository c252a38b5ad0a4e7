using System.Buffers;
using System.Runtime.InteropServices;
using Mockalloc.Tracked;

namespace Mockalloc.Core.Tests.Support;

/// <summary>Every tracked source of SPEC 3.5, behind one shape: acquire, release, and the ways to get it wrong.</summary>
public enum SourceKind
{
    NativeMemory,
    Aligned,
    HGlobal,
    CoTaskMem,
    Bstr,
    GCHandle,
    SharedArrayPool,
    CustomArrayPool,
    MemoryPool,
}

/// <summary>One acquired resource of some source.</summary>
internal sealed unsafe class TrackedResource
{
    private static readonly ArrayPool<byte> CustomPool = ArrayPool<byte>.Create();
    private static readonly ArrayPool<byte> OtherPool = ArrayPool<byte>.Create();

    private nint _address;
    private readonly object? _object;
    private GCHandle _handle;

    private TrackedResource(SourceKind kind, nint address, object? obj, GCHandle handle)
    {
        Kind = kind;
        _address = address;
        _object = obj;
        _handle = handle;
    }

    public SourceKind Kind { get; }

    /// <summary>Whether resources of <paramref name="kind"/> can be released through a wrong family.</summary>
    public static bool HasOtherFamily(SourceKind kind) => kind is not (SourceKind.GCHandle or SourceKind.MemoryPool or SourceKind.Bstr);

    /// <summary>Whether resources of <paramref name="kind"/> can be reallocated.</summary>
    public static bool CanReallocate(SourceKind kind) => HasInterior(kind);

    /// <summary>Whether a release of <paramref name="kind"/> can name an interior pointer.</summary>
    public static bool HasInterior(SourceKind kind) => kind is SourceKind.NativeMemory or SourceKind.Aligned or SourceKind.HGlobal or SourceKind.CoTaskMem;

    public static TrackedResource Acquire(SourceKind kind, int size) => kind switch
    {
        SourceKind.NativeMemory => new(kind, (nint)TrackedNativeMemory.Alloc((nuint)size), null, default),
        SourceKind.Aligned => new(kind, (nint)TrackedNativeMemory.AlignedAlloc((nuint)size, 64), null, default),
        SourceKind.HGlobal => new(kind, TrackedMarshal.AllocHGlobal(size), null, default),
        SourceKind.CoTaskMem => new(kind, TrackedMarshal.AllocCoTaskMem(size), null, default),
        SourceKind.Bstr => new(kind, TrackedMarshal.StringToBSTR(new string('x', size)), null, default),
        SourceKind.GCHandle => new(kind, 0, null, TrackedGCHandle.Alloc(new object())),
        SourceKind.SharedArrayPool => new(kind, 0, TrackedArrayPool.Rent(ArrayPool<byte>.Shared, size), default),
        SourceKind.CustomArrayPool => new(kind, 0, TrackedArrayPool.Rent(CustomPool, size), default),
        _ => new(kind, 0, TrackedMemoryPool.Rent(MemoryPool<byte>.Shared, size), default),
    };

    /// <summary>The correct release (also used for a second, double release).</summary>
    public void Release()
    {
        switch (Kind)
        {
            case SourceKind.NativeMemory: TrackedNativeMemory.Free((void*)_address); break;
            case SourceKind.Aligned: TrackedNativeMemory.AlignedFree((void*)_address); break;
            case SourceKind.HGlobal: TrackedMarshal.FreeHGlobal(_address); break;
            case SourceKind.CoTaskMem: TrackedMarshal.FreeCoTaskMem(_address); break;
            case SourceKind.Bstr: TrackedMarshal.FreeBSTR(_address); break;
            case SourceKind.GCHandle:
                GCHandle copy = _handle;   // a copy, so that a second release is a real double free
                TrackedGCHandle.Free(ref copy);
                break;
            case SourceKind.SharedArrayPool: TrackedArrayPool.Return(ArrayPool<byte>.Shared, (byte[])_object!); break;
            case SourceKind.CustomArrayPool: TrackedArrayPool.Return(CustomPool, (byte[])_object!); break;
            default: TrackedMemoryPool.Dispose((IMemoryOwner<byte>)_object!); break;   // what an intercepted Dispose() calls
        }
    }

    /// <summary>Resizes a native block through its own family's reallocation (it may move).</summary>
    public void Reallocate(int size)
    {
        _address = Kind switch
        {
            SourceKind.NativeMemory => (nint)TrackedNativeMemory.Realloc((void*)_address, (nuint)size),
            SourceKind.Aligned => (nint)TrackedNativeMemory.AlignedRealloc((void*)_address, (nuint)size, 64),
            SourceKind.HGlobal => TrackedMarshal.ReAllocHGlobal(_address, size),
            SourceKind.CoTaskMem => TrackedMarshal.ReAllocCoTaskMem(_address, size),
            _ => throw new InvalidOperationException($"{Kind} cannot be reallocated"),
        };
    }

    /// <summary>Releases through another family of the same kind of resource.</summary>
    public void ReleaseThroughOtherFamily()
    {
        switch (Kind)
        {
            case SourceKind.NativeMemory: TrackedMarshal.FreeHGlobal(_address); break;
            case SourceKind.Aligned: TrackedNativeMemory.Free((void*)_address); break;
            case SourceKind.HGlobal: TrackedMarshal.FreeCoTaskMem(_address); break;
            case SourceKind.CoTaskMem: TrackedNativeMemory.AlignedFree((void*)_address); break;
            case SourceKind.SharedArrayPool: TrackedArrayPool.Return(OtherPool, (byte[])_object!); break;
            case SourceKind.CustomArrayPool: TrackedArrayPool.Return(ArrayPool<byte>.Shared, (byte[])_object!); break;
            default: throw new InvalidOperationException($"{Kind} has no other family");
        }
    }

    /// <summary>Releases a pointer into the middle of the block.</summary>
    public void ReleaseInterior()
    {
        switch (Kind)
        {
            case SourceKind.NativeMemory: TrackedNativeMemory.Free((byte*)_address + 8); break;
            case SourceKind.Aligned: TrackedNativeMemory.AlignedFree((byte*)_address + 8); break;
            case SourceKind.HGlobal: TrackedMarshal.FreeHGlobal(_address + 8); break;
            case SourceKind.CoTaskMem: TrackedMarshal.FreeCoTaskMem(_address + 8); break;
            default: throw new InvalidOperationException($"{Kind} has no interior pointer");
        }
    }
}
