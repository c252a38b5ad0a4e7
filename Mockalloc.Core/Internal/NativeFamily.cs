using System.Runtime.InteropServices;

namespace Mockalloc.Internal;

/// <summary>
/// One native API family's real calls. The tracked facades are generic over a struct implementing this, so
/// the JIT compiles one specialised path per family with direct calls and no switch.
/// </summary>
internal unsafe interface INativeFamily
{
    /// <summary>The family's value in the engine.</summary>
    static abstract AllocFamily Family { get; }

    /// <summary>The real allocation of <paramref name="total"/> bytes (header included).</summary>
    static abstract byte* Allocate(nuint total, nuint alignment);

    /// <summary>The real reallocation of a real block.</summary>
    static abstract byte* Reallocate(void* block, nuint total, nuint alignment);

    /// <summary>The real release of a real block.</summary>
    static abstract void Free(void* block);
}

/// <summary><c>NativeMemory.Alloc/Realloc/Free</c>.</summary>
internal readonly unsafe struct MallocFamily : INativeFamily
{
    public static AllocFamily Family => AllocFamily.NativeMemory;

    public static byte* Allocate(nuint total, nuint alignment) => (byte*)NativeMemory.Alloc(total);

    public static byte* Reallocate(void* block, nuint total, nuint alignment) => (byte*)NativeMemory.Realloc(block, total);

    public static void Free(void* block) => NativeMemory.Free(block);
}

/// <summary><c>NativeMemory.AlignedAlloc/AlignedRealloc/AlignedFree</c>.</summary>
internal readonly unsafe struct AlignedFamily : INativeFamily
{
    public static AllocFamily Family => AllocFamily.NativeMemoryAligned;

    public static byte* Allocate(nuint total, nuint alignment) => (byte*)NativeMemory.AlignedAlloc(total, alignment);

    public static byte* Reallocate(void* block, nuint total, nuint alignment) => (byte*)NativeMemory.AlignedRealloc(block, total, alignment);

    public static void Free(void* block) => NativeMemory.AlignedFree(block);
}

/// <summary><c>Marshal.AllocHGlobal/ReAllocHGlobal/FreeHGlobal</c>.</summary>
internal readonly unsafe struct HGlobalFamily : INativeFamily
{
    public static AllocFamily Family => AllocFamily.HGlobal;

    public static byte* Allocate(nuint total, nuint alignment) => (byte*)Marshal.AllocHGlobal((nint)total);

    public static byte* Reallocate(void* block, nuint total, nuint alignment) => (byte*)Marshal.ReAllocHGlobal((nint)block, (nint)total);

    public static void Free(void* block) => Marshal.FreeHGlobal((nint)block);
}

/// <summary><c>Marshal.AllocCoTaskMem/ReAllocCoTaskMem/FreeCoTaskMem</c> (sizes are ints there).</summary>
internal readonly unsafe struct CoTaskMemFamily : INativeFamily
{
    public static AllocFamily Family => AllocFamily.CoTaskMem;

    public static byte* Allocate(nuint total, nuint alignment) => (byte*)Marshal.AllocCoTaskMem(ToInt32(total));

    public static byte* Reallocate(void* block, nuint total, nuint alignment) => (byte*)Marshal.ReAllocCoTaskMem((nint)block, ToInt32(total));

    public static void Free(void* block) => Marshal.FreeCoTaskMem((nint)block);

    // A total past int.MaxValue cannot be had, as in the BCL.
    private static int ToInt32(nuint total) => total <= int.MaxValue ? (int)total : throw new OutOfMemoryException();
}
