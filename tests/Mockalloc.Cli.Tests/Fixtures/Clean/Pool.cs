using System;
using System.Buffers;
using System.Runtime.InteropServices;

namespace Clean;

public static class Pool
{
    public static int Measure(int size)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            return buffer.Length;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

public sealed class Owner : IDisposable
{
    private IntPtr _block = Marshal.AllocHGlobal(64);

    public void Dispose()
    {
        Marshal.FreeHGlobal(_block);
        _block = IntPtr.Zero;
    }
}
