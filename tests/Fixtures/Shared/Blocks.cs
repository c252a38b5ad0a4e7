using Mockalloc;

namespace Fixtures;

/// <summary>Tracked native blocks for the fixture tests, through the allocator wrapper.</summary>
public static unsafe class Blocks
{
    private const int Size = 64;
    private const int Alignment = 8;

    private static readonly MockAllocator<SystemAllocator> s_tracked = new(new SystemAllocator());

    // Suppresses real frees so that a double free is recorded without corrupting the process's heap.
    private static readonly MockAllocator<NeverFrees> s_neverFrees = new(new NeverFrees());

    public static nint Allocate() => (nint)s_tracked.Allocate(Size, Alignment);

    /// <summary>Acquires one block, telling tracing the caller's line.</summary>
    public static nint AllocateAt(CallSite site) => (nint)s_tracked.Allocate(Size, Alignment, site);

    public static void Free(nint block) => s_tracked.Free((void*)block, Size, Alignment);

    public static void AllocateAndFree(int count)
    {
        for (int i = 0; i < count; i++)
        {
            Free(Allocate());
        }
    }

    /// <summary>Holds two blocks (128 bytes) at once, then frees both.</summary>
    public static void HoldTwoAtOnce()
    {
        nint first = Allocate();
        nint second = Allocate();
        Free(first);
        Free(second);
    }

    /// <summary>Allocates <paramref name="bytes"/> managed bytes (and one balanced block, so the region has data).</summary>
    public static void AllocateManagedAndFree(int bytes)
    {
        GC.KeepAlive(new byte[bytes]);
        AllocateAndFree(1);
    }

    /// <summary>Acquires one block and releases it twice.</summary>
    public static void DoubleFree()
    {
        void* block = s_neverFrees.Allocate(Size, Alignment);
        s_neverFrees.Free(block, Size, Alignment);
        s_neverFrees.Free(block, Size, Alignment);
    }

    private readonly struct NeverFrees : INativeAllocator
    {
        public void* Allocate(nuint size, nuint alignment) => new SystemAllocator().Allocate(size, alignment);

        public void* AllocateZeroed(nuint size, nuint alignment) => new SystemAllocator().AllocateZeroed(size, alignment);

        public void Free(void* ptr, nuint size, nuint alignment)
        {
        }

        public void* Reallocate(void* ptr, nuint oldSize, nuint alignment, nuint newSize) =>
            new SystemAllocator().Reallocate(ptr, oldSize, alignment, newSize);
    }
}
