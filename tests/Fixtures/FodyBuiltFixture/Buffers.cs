using System.Runtime.InteropServices;
using Mockalloc;

namespace FodyBuiltFixture;

/// <summary>Calls the BCL directly; the build weaves it.</summary>
public static unsafe class Buffers
{
    public static void Pair()
    {
        void* p = NativeMemory.Alloc(8);
        NativeMemory.Free(p);
    }

    public static void Leak()
    {
        NativeMemory.AllocZeroed(8); // @fody-leak
    }

    public static void Throws()
    {
        void* p = NativeMemory.Alloc(8);
        NativeMemory.Free(p);
        throw new InvalidOperationException("thrown by the Fody-built fixture"); // @fody-throw
    }

    [AssertAllocs]
    public static void AssertedLeak()
    {
        Marshal.AllocHGlobal(8);
    }
}
