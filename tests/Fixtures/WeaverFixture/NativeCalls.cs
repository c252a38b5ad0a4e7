using System.Runtime.InteropServices;

namespace WeaverFixture;

/// <summary>Native memory and Marshal, called directly.</summary>
public static unsafe class NativeCalls
{
    public static void AllocFree()
    {
        void* p = NativeMemory.Alloc(16);
        NativeMemory.Free(p);
    }

    public static void Leak()
    {
        NativeMemory.Alloc(16); // @native-leak
    }

    public static void DoubleFree()
    {
        void* p = NativeMemory.Alloc(16);
        NativeMemory.Free(p);
        NativeMemory.Free(p);
    }

    public static void Mismatched()
    {
        nint p = Marshal.AllocHGlobal(16);
        NativeMemory.Free((void*)p);
    }

    public static void HGlobalPair()
    {
        nint p = Marshal.AllocHGlobal(16);
        p = Marshal.ReAllocHGlobal(p, 32);
        Marshal.FreeHGlobal(p);
    }

    public static void LeakInLambda()
    {
        Action leak = () => Marshal.AllocCoTaskMem(8); // @lambda-leak
        leak();
    }

    public static void Throws()
    {
        void* p = NativeMemory.Alloc(8);
        NativeMemory.Free(p);
        throw new InvalidOperationException("thrown by the fixture"); // @throw
    }

    public static void PairThroughDelegates()
    {
        Func<int, nint> alloc = Marshal.AllocHGlobal;
        Action<nint> free = Marshal.FreeHGlobal;
        free(alloc(16));
    }

    public static void LeakThroughDelegate()
    {
        Func<int, nint> alloc = Marshal.AllocHGlobal;
        alloc(16);
    }

    public static void FreeEither(bool first)
    {
        nint a = Marshal.AllocHGlobal(8);
        nint b = Marshal.AllocHGlobal(8);
        // The call is the join point of a branch that leaves an argument on the stack.
        Marshal.FreeHGlobal(first ? a : b);
        Marshal.FreeHGlobal(first ? b : a);
    }
}
