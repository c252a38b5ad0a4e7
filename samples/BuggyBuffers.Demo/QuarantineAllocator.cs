using Mockalloc;

namespace BuggyBuffers.Demo;

/// <summary>
/// Allocates for real, but never frees while a region records, so that the demo's deliberate double frees
/// and interior-pointer frees are detected without corrupting the process heap (the Rust crate's
/// LeakingAllocator). The few blocks it keeps are reclaimed when the process exits.
/// </summary>
internal readonly unsafe struct QuarantineAllocator : INativeAllocator
{
    public void* Allocate(nuint size, nuint alignment) => default(SystemAllocator).Allocate(size, alignment);

    public void* AllocateZeroed(nuint size, nuint alignment) => default(SystemAllocator).AllocateZeroed(size, alignment);

    public void* Reallocate(void* ptr, nuint oldSize, nuint alignment, nuint newSize)
    {
        void* moved = default(SystemAllocator).Allocate(newSize, alignment);
        Buffer.MemoryCopy(ptr, moved, newSize, Math.Min(oldSize, newSize));
        return moved;
    }

    public void Free(void* ptr, nuint size, nuint alignment)
    {
        if (!Allocs.IsRecording)
        {
            default(SystemAllocator).Free(ptr, size, alignment);
        }
    }
}
