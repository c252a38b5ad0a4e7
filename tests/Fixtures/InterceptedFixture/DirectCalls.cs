using System.Buffers;
using System.Runtime.InteropServices;
using InterceptedLibrary;
using Xunit;

namespace InterceptedFixture;

/// <summary>Tests that call the BCL as any test does; the expected outcome of each is in InterceptionEndToEndTests.</summary>
public sealed unsafe class DirectCalls
{
    [MockallocFact(Tracing = true)]
    public void NativeLeak()
    {
        NativeMemory.Alloc(10);
    }

    [MockallocFact]
    public void NativePair()
    {
        void* block = NativeMemory.Alloc(10);
        NativeMemory.Free(block);
    }

    [MockallocFact(Tracing = true)]
    public void HGlobalDoubleFree()
    {
        nint block = Marshal.AllocHGlobal(16);
        Marshal.FreeHGlobal(block);
        Marshal.FreeHGlobal(block);
    }

    [MockallocFact(Tracing = true)]
    public void AlignedFreedWithFree()
    {
        void* block = NativeMemory.AlignedAlloc(64, 64);
        NativeMemory.Free(block);
    }

    [MockallocFact(Tracing = true)]
    public void HandleLeak()
    {
        GCHandle.Alloc(new object());
    }

    [MockallocFact]
    public void HandlePair()
    {
        GCHandle handle = GCHandle.Alloc(new object(), GCHandleType.Pinned);
        handle.Free();
    }

    [MockallocFact(Tracing = true)]
    public void PoolDoubleReturn()
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(32);
        ArrayPool<byte>.Shared.Return(buffer);
        ArrayPool<byte>.Shared.Return(buffer);
    }

    [MockallocFact]
    public void PoolPair()
    {
        ArrayPool<byte>.Shared.Return(ArrayPool<byte>.Shared.Rent(32));
    }

    [MockallocFact(Tracing = true)]
    public void LibraryLeak()
    {
        Assert.Equal(0, NativeText.MeasureUtf16(""));
    }

    [MockallocFact]
    public void LibraryCorrect()
    {
        Assert.Equal(3, NativeText.MeasureUtf16("abc"));
    }

    [Fact]
    public void PlainFactIsNoRegion()
    {
        NativeMemory.Free(NativeMemory.Alloc(10));
        NativeMemory.Alloc(10);
    }
}
