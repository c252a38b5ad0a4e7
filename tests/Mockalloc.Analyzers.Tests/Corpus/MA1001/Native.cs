// MA1001 corpus: NativeMemory (malloc and aligned families). A trailing "// MA1001" marks the only lines that must be reported.
using System.Runtime.InteropServices;

namespace Corpus.Native;

public static unsafe class Leaks
{
    public static void AllocNeverFreed()
    {
        void* p = NativeMemory.Alloc(16); // MA1001
        *(byte*)p = 1;
    }

    public static void AllocZeroedNeverFreed()
    {
        byte* p = (byte*)NativeMemory.AllocZeroed(16); // MA1001
        p[0] = 1;
    }

    public static void ResultDiscarded()
    {
        NativeMemory.Alloc(8); // MA1001
    }

    public static void AlignedNeverFreed()
    {
        void* p = NativeMemory.AlignedAlloc(64, 64); // MA1001
        NativeMemory.Clear(p, 64);
    }

    public static void ReallocResultLost(int n)
    {
        void* p = NativeMemory.Alloc(16);
        p = NativeMemory.Realloc(p, (nuint)n); // MA1001
    }

    public static void AlignedReallocResultLost()
    {
        void* p = NativeMemory.AlignedAlloc(16, 16);
        void* q = NativeMemory.AlignedRealloc(p, 32, 16); // MA1001
        NativeMemory.Clear(q, 32);
    }

    public static void OverwrittenBeforeFree()
    {
        void* p = NativeMemory.Alloc(16); // MA1001
        p = NativeMemory.Alloc(32);
        NativeMemory.Free(p);
    }
}

public static unsafe class Clean
{
    public static void AllocThenFree()
    {
        void* p = NativeMemory.Alloc(16);
        *(byte*)p = 1;
        NativeMemory.Free(p);
    }

    public static void ReallocMovesOwnership()
    {
        void* p = NativeMemory.Alloc(16);
        p = NativeMemory.Realloc(p, 64);
        NativeMemory.Free(p);
    }

    public static void AlignedPair()
    {
        void* p = NativeMemory.AlignedAlloc(64, 64);
        void* q = NativeMemory.AlignedRealloc(p, 128, 64);
        NativeMemory.AlignedFree(q);
    }

    public static void FreedThroughAlias()
    {
        void* p = NativeMemory.AllocZeroed(16);
        byte* b = (byte*)p;
        NativeMemory.Free(b);
    }

    public static void FreedThroughIntPtr()
    {
        nint address = (nint)NativeMemory.Alloc(16);
        NativeMemory.Free((void*)address);
    }
}
