// MA1002 corpus: types whose base class comes from a referenced assembly (Stream, MemoryStream,
// MemoryManager<T>, Component, SafeHandle). Their Dispose() is in metadata and calls the override the
// type declares.
using System;
using System.Buffers;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;

namespace Corpus.FrameworkBases;

public sealed class StreamForgetsBuffer : MemoryStream
{
    private readonly IntPtr _buffer = Marshal.AllocHGlobal(64); // MA1002

    protected override void Dispose(bool disposing) => base.Dispose(disposing);
}

public sealed class ComponentFreesOnlyWhenDisposing : Component
{
    private readonly IntPtr _native = Marshal.AllocCoTaskMem(16); // MA1002

    // Component has a finalizer that calls Dispose(false): the block leaks when the component is finalized.
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Marshal.FreeCoTaskMem(_native);
        }

        base.Dispose(disposing);
    }
}

// ---- clean ----

public sealed class StreamReturnsOnlyWhenDisposing : MemoryStream
{
    private readonly byte[] _rented = ArrayPool<byte>.Shared.Rent(256);

    // Neither MemoryStream nor Stream has a finalizer: only Dispose() calls this, with true.
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            ArrayPool<byte>.Shared.Return(_rented);
        }

        base.Dispose(disposing);
    }
}

public sealed class StreamOverNativeBuffer : Stream
{
    private IntPtr _buffer = Marshal.AllocHGlobal(64);

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => 0;
    public override long Position { get => 0; set { } }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => 0;
    public override long Seek(long offset, SeekOrigin origin) => 0;
    public override void SetLength(long value) { }
    public override void Write(byte[] buffer, int offset, int count) => Marshal.WriteByte(_buffer, buffer[offset]);

    protected override void Dispose(bool disposing)
    {
        Marshal.FreeHGlobal(_buffer);
        _buffer = IntPtr.Zero;
        base.Dispose(disposing);
    }
}

public sealed class PooledStream : MemoryStream
{
    private byte[]? _rented = ArrayPool<byte>.Shared.Rent(256);

    protected override void Dispose(bool disposing)
    {
        if (disposing && _rented is not null)
        {
            ArrayPool<byte>.Shared.Return(_rented);
            _rented = null;
        }

        base.Dispose(disposing);
    }
}

public sealed unsafe class NativeMemoryManager : MemoryManager<byte>
{
    private readonly byte* _pointer;
    private readonly int _length;

    public NativeMemoryManager(int length)
    {
        _pointer = (byte*)NativeMemory.Alloc((nuint)length);
        _length = length;
    }

    public override Span<byte> GetSpan() => new(_pointer, _length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);

    public override void Unpin() { }

    protected override void Dispose(bool disposing) => NativeMemory.Free(_pointer);
}

public sealed class NativeComponent : Component
{
    private readonly IntPtr _native = Marshal.AllocCoTaskMem(16);

    protected override void Dispose(bool disposing)
    {
        Marshal.FreeCoTaskMem(_native);
        base.Dispose(disposing);
    }
}

public sealed class HGlobalHandle : SafeHandle
{
    public HGlobalHandle(int size)
        : base(IntPtr.Zero, ownsHandle: true) => handle = Marshal.AllocHGlobal(size);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        Marshal.FreeHGlobal(handle);
        return true;
    }
}

public sealed class HandleWithScratch : SafeHandle
{
    private readonly IntPtr _scratch = Marshal.AllocHGlobal(8);

    public HandleWithScratch()
        : base(IntPtr.Zero, ownsHandle: true) => SetHandle(Marshal.AllocHGlobal(32));

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        Marshal.FreeHGlobal(_scratch);
        Marshal.FreeHGlobal(handle);
        return true;
    }
}
