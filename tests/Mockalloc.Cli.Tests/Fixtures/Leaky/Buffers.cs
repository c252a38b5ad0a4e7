using System;
using System.Runtime.InteropServices;

namespace Leaky;

public static unsafe class Buffers
{
    public static int Sum(byte* data, int count)
    {
        byte* copy = (byte*)NativeMemory.Alloc((nuint)count);
        if (count == 0)
        {
            return 0;
        }

        int sum = 0;
        for (int i = 0; i < count; i++)
        {
            copy[i] = data[i];
            sum += copy[i];
        }

        NativeMemory.Free(copy);
        return sum;
    }

    public static int Checked(byte* data, int count)
    {
        byte* copy = (byte*)NativeMemory.Alloc((nuint)count);
        try
        {
            return count == 0 ? 0 : data[0] + copy[0];
        }
        finally
        {
            NativeMemory.Free(copy);
        }
    }
}

public sealed class Wrapper
{
    private readonly IntPtr _block = Marshal.AllocHGlobal(64);

    public IntPtr Block => _block;
}
