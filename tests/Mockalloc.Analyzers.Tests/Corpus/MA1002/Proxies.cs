// MA1002 corpus: types that keep a resource in an instance field. A trailing "// MA1002" marks the field that must be reported.
using System;
using System.Buffers;
using System.Runtime.InteropServices;

namespace Corpus.Proxies;

public sealed unsafe class NoDispose
{
    private readonly void* _data; // MA1002

    public NoDispose(nuint size) => _data = NativeMemory.Alloc(size);

    public byte First => *(byte*)_data;
}

public sealed class DisposeForgetsField : IDisposable
{
    private IntPtr _buffer; // MA1002
    private bool _disposed;

    public DisposeForgetsField() => _buffer = Marshal.AllocHGlobal(64);

    public IntPtr Buffer => _buffer;

    public void Dispose() => _disposed = true;

    public bool IsDisposed => _disposed;
}

public sealed class DisposeMissesOnePath : IDisposable
{
    private IntPtr _buffer = Marshal.AllocCoTaskMem(8); // MA1002

    public IntPtr Buffer => _buffer;

    public void Dispose(bool quick)
    {
        if (quick)
        {
            return;
        }

        Marshal.FreeCoTaskMem(_buffer);
    }

    public void Dispose() => Dispose(quick: DateTime.Now.Second > 30);
}

public sealed class KeepsRentedArray
{
    private byte[] _rented; // MA1002

    public KeepsRentedArray() => _rented = ArrayPool<byte>.Shared.Rent(1024);

    public int Length => _rented.Length;
}

public sealed class KeepsHandleFromCaller
{
    private GCHandle _handle; // MA1002

    public KeepsHandleFromCaller(GCHandle handle) => _handle = handle;

    public object? Target => _handle.Target;

    public static KeepsHandleFromCaller Pin(object o) => new(GCHandle.Alloc(o, GCHandleType.Pinned));
}

public sealed class AutoProperty
{
    public IMemoryOwner<byte> Owner { get; } = MemoryPool<byte>.Shared.Rent(16); // MA1002
}

// ---- clean ----

public sealed unsafe class DisposePattern : IDisposable
{
    private void* _data;
    private bool _disposed;

    public DisposePattern(nuint size) => _data = NativeMemory.AllocZeroed(size);

    ~DisposePattern() => Dispose(false);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    private void Dispose(bool disposing)
    {
        if (_disposed)
        {
            return;
        }

        NativeMemory.Free(_data);
        _data = null;
        _disposed = true;
    }
}

public sealed class NullCheckedDispose : IDisposable
{
    private IntPtr _buffer = Marshal.AllocHGlobal(8);

    public void Dispose()
    {
        if (_buffer != IntPtr.Zero)
        {
            Marshal.FreeHGlobal(_buffer);
            _buffer = IntPtr.Zero;
        }
    }
}

public sealed class FinalizerOnly
{
    private readonly IntPtr _bstr;

    public FinalizerOnly(string s) => _bstr = Marshal.StringToBSTR(s);

    ~FinalizerOnly() => Marshal.FreeBSTR(_bstr);
}

public sealed class ReturnsRentedArray : IDisposable
{
    private byte[]? _rented = ArrayPool<byte>.Shared.Rent(16);

    public void Dispose()
    {
        byte[]? rented = _rented;
        _rented = null;
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}

public sealed class DisposesOwnerAutoProperty : IDisposable
{
    public IMemoryOwner<byte> Owner { get; } = MemoryPool<byte>.Shared.Rent(16);

    public void Dispose() => Owner.Dispose();
}

public sealed class HandleOwner : IDisposable
{
    private GCHandle _handle;

    public HandleOwner(object o) => _handle = GCHandle.Alloc(o);

    public void Dispose()
    {
        if (_handle.IsAllocated)
        {
            _handle.Free();
        }
    }
}

public sealed class ReleasesThroughHelper : IDisposable
{
    private IntPtr _block = Marshal.AllocHGlobal(8);

    public void Dispose() => ReleaseBlock();

    private void ReleaseBlock() => Marshal.FreeHGlobal(_block);
}

public sealed unsafe class GrowsWithConditional : IDisposable
{
    private byte* _data;
    private nuint _capacity;

    public void Grow(nuint capacity)
    {
        _data = _data == null
            ? (byte*)NativeMemory.Alloc(capacity)
            : (byte*)NativeMemory.Realloc(_data, capacity);
        _capacity = capacity;
    }

    public nuint Capacity => _capacity;

    public void Dispose()
    {
        NativeMemory.Free(_data);
        _data = null;
    }
}

public sealed unsafe class GrowsButNeverFrees
{
    private byte* _data; // MA1002

    public void Grow(nuint capacity) =>
        _data = _data == null ? (byte*)NativeMemory.Alloc(capacity) : (byte*)NativeMemory.Realloc(_data, capacity);
}

public sealed class ResetForgetsBlock : IDisposable
{
    private IntPtr _block = Marshal.AllocHGlobal(32); // MA1002

    public void Reset() => _block = IntPtr.Zero;

    public void Dispose() => Marshal.FreeHGlobal(_block);
}

public sealed class DetachHandsBlockOver : IDisposable
{
    private IntPtr _block = Marshal.AllocHGlobal(32);

    public IntPtr Detach()
    {
        IntPtr block = _block;
        _block = IntPtr.Zero;
        return block;
    }

    public void Reset()
    {
        Marshal.FreeHGlobal(_block);
        _block = IntPtr.Zero;
    }

    public void Dispose() => Marshal.FreeHGlobal(_block);
}

public sealed class ExplicitDispose : IDisposable
{
    private IntPtr _block = Marshal.AllocHGlobal(8);

    void IDisposable.Dispose() => Marshal.FreeHGlobal(_block);
}

public sealed class AsyncDispose : IAsyncDisposable
{
    private byte[] _rented = ArrayPool<byte>.Shared.Rent(64);

    public System.Threading.Tasks.ValueTask DisposeAsync()
    {
        ArrayPool<byte>.Shared.Return(_rented);
        return default;
    }
}

public abstract class NativeBase : IDisposable
{
    protected IntPtr Block = Marshal.AllocHGlobal(8);

    public void Dispose() => Marshal.FreeHGlobal(Block);
}

public sealed class DerivedKeepsBaseField : NativeBase
{
    public void Grow() => Block = Marshal.ReAllocHGlobal(Block, 64);
}

public abstract class Device : IDisposable
{
    public void Dispose()
    {
        PlatformDispose();
        GC.SuppressFinalize(this);
    }

    protected abstract void PlatformDispose();
}

public sealed class NativeDevice : Device
{
    private readonly IntPtr _descriptor = Marshal.AllocHGlobal(16);

    protected override void PlatformDispose() => Marshal.FreeHGlobal(_descriptor);
}

public sealed class ForgetfulDevice : Device
{
    private readonly IntPtr _descriptor = Marshal.AllocHGlobal(16); // MA1002

    protected override void PlatformDispose()
    {
    }
}

public class DisposableBase : IDisposable
{
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}

public sealed class DerivedReleasesInDisposeBool : DisposableBase
{
    private IntPtr _buffer = Marshal.AllocCoTaskMem(8);

    protected override void Dispose(bool disposing)
    {
        Marshal.FreeCoTaskMem(_buffer);
        _buffer = IntPtr.Zero;
        base.Dispose(disposing);
    }
}

public ref struct PooledCharBuilder
{
    private char[]? _arrayToReturnToPool;
    private Span<char> _chars;

    public PooledCharBuilder(int capacity)
    {
        _arrayToReturnToPool = ArrayPool<char>.Shared.Rent(capacity);
        _chars = _arrayToReturnToPool;
    }

    public int Capacity => _chars.Length;

    public void Dispose()
    {
        char[]? toReturn = _arrayToReturnToPool;
        this = default;
        if (toReturn is not null)
        {
            ArrayPool<char>.Shared.Return(toReturn);
        }
    }
}

public sealed class LeaseLike<T> : IDisposable
{
    private object? _buffer;

    public LeaseLike(int length, MemoryPool<T>? pool) =>
        _buffer = pool is null ? ArrayPool<T>.Shared.Rent(length) : pool.Rent(length);

    public void Dispose()
    {
        object? buffer = System.Threading.Interlocked.Exchange(ref _buffer, null);
        if (buffer is T[] array)
        {
            ArrayPool<T>.Shared.Return(array);
        }
        else if (buffer is not null)
        {
            ((IMemoryOwner<T>)buffer).Dispose();
        }
    }
}

public sealed class GuardedByLength : IDisposable
{
    private byte[]? _rented;

    public GuardedByLength(int length)
    {
        Length = length;
        _rented = length == 0 ? null : ArrayPool<byte>.Shared.Rent(length);
    }

    public int Length { get; }

    public void Dispose()
    {
        if (Length == 0)
        {
            return;
        }

        ArrayPool<byte>.Shared.Return(_rented!);
    }
}
