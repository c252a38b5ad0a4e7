using System.Numerics;
using System.Runtime.InteropServices;

namespace Mockalloc;

/// <summary>
/// The process's native allocator behind <see cref="INativeAllocator"/> (Rust: <c>System</c>): alignments
/// up to the platform's malloc alignment use <see cref="NativeMemory.Alloc(nuint)"/>, larger ones
/// <see cref="NativeMemory.AlignedAlloc"/>. Releases must state the same alignment, which picks the same family.
/// </summary>
public readonly unsafe struct SystemAllocator : INativeAllocator
{
    // What malloc guarantees on every .NET platform: 16 bytes on 64-bit, 8 on 32-bit.
    private static readonly nuint MallocAlignment = (nuint)(2 * IntPtr.Size);

    /// <inheritdoc/>
    /// <exception cref="ArgumentException"><paramref name="alignment"/> is not a power of two.</exception>
    /// <exception cref="OutOfMemoryException">The allocation failed.</exception>
    public void* Allocate(nuint size, nuint alignment) =>
        IsMallocAligned(alignment) ? NativeMemory.Alloc(size) : NativeMemory.AlignedAlloc(size, alignment);

    /// <inheritdoc/>
    /// <exception cref="ArgumentException"><paramref name="alignment"/> is not a power of two.</exception>
    /// <exception cref="OutOfMemoryException">The allocation failed.</exception>
    public void* AllocateZeroed(nuint size, nuint alignment)
    {
        if (IsMallocAligned(alignment))
        {
            return NativeMemory.AllocZeroed(size);
        }
        void* block = NativeMemory.AlignedAlloc(size, alignment);
        NativeMemory.Clear(block, size);
        return block;
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException"><paramref name="alignment"/> is not a power of two.</exception>
    public void Free(void* ptr, nuint size, nuint alignment)
    {
        if (IsMallocAligned(alignment))
        {
            NativeMemory.Free(ptr);
        }
        else
        {
            NativeMemory.AlignedFree(ptr);
        }
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException"><paramref name="alignment"/> is not a power of two.</exception>
    /// <exception cref="OutOfMemoryException">The reallocation failed; <paramref name="ptr"/> is still valid.</exception>
    public void* Reallocate(void* ptr, nuint oldSize, nuint alignment, nuint newSize) =>
        IsMallocAligned(alignment) ? NativeMemory.Realloc(ptr, newSize) : NativeMemory.AlignedRealloc(ptr, newSize, alignment);

    private static bool IsMallocAligned(nuint alignment)
    {
        if (!BitOperations.IsPow2(alignment))
        {
            throw new ArgumentException("The alignment must be a power of two.", nameof(alignment));
        }
        return alignment <= MallocAlignment;
    }
}
