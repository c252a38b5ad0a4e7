namespace Mockalloc.Core.Tests.Support;

/// <summary>
/// The Rust crate's <c>LeakingAllocator</c>: allocates for real, but while a region records it never
/// really frees, so that tests can simulate double frees and bad pointers without corrupting the heap.
/// Blocks allocated while recording are simply leaked; the tests allocate little.
/// </summary>
internal readonly unsafe struct LeakingAllocator : INativeAllocator
{
    public void* Allocate(nuint size, nuint alignment) => default(SystemAllocator).Allocate(size, alignment);

    public void* AllocateZeroed(nuint size, nuint alignment) => default(SystemAllocator).AllocateZeroed(size, alignment);

    public void Free(void* ptr, nuint size, nuint alignment)
    {
        if (!Allocs.IsRecording)
        {
            default(SystemAllocator).Free(ptr, size, alignment);
        }
    }

    public void* Reallocate(void* ptr, nuint oldSize, nuint alignment, nuint newSize)
    {
        if (!Allocs.IsRecording)
        {
            return default(SystemAllocator).Reallocate(ptr, oldSize, alignment, newSize);
        }
        // Move the contents to a new block and leave the old one alone.
        void* moved = default(SystemAllocator).Allocate(newSize, alignment);
        Buffer.MemoryCopy(ptr, moved, newSize, Math.Min(oldSize, newSize));
        return moved;
    }
}
