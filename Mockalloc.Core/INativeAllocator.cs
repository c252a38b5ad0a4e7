namespace Mockalloc;

/// <summary>
/// A native allocator with sized releases, the shape of Rust's <c>GlobalAlloc</c>. Code written against
/// it takes a <see cref="SystemAllocator"/> in production and a <see cref="MockAllocator{TInner}"/> in tests.
/// </summary>
public unsafe interface INativeAllocator
{
    /// <summary>Allocates <paramref name="size"/> bytes aligned to <paramref name="alignment"/>.</summary>
    /// <param name="size">The number of bytes; zero gives a unique, freeable block.</param>
    /// <param name="alignment">A power of two.</param>
    /// <returns>The block; never null (failure throws <see cref="OutOfMemoryException"/>).</returns>
    void* Allocate(nuint size, nuint alignment);

    /// <summary>Releases a block, stating the size and alignment it was allocated with.</summary>
    /// <param name="ptr">The block, or null (then nothing happens).</param>
    /// <param name="size">The size the block was allocated (or last reallocated) with.</param>
    /// <param name="alignment">The alignment the block was allocated with.</param>
    void Free(void* ptr, nuint size, nuint alignment);

    /// <summary>Resizes a block, moving it if needed; on success the old block is gone.</summary>
    /// <param name="ptr">The block, allocated with <paramref name="oldSize"/> and <paramref name="alignment"/>.</param>
    /// <param name="oldSize">The block's current size.</param>
    /// <param name="alignment">The block's alignment, kept by the new block.</param>
    /// <param name="newSize">The size wanted.</param>
    /// <returns>The resized block; the old one stays valid when this throws.</returns>
    void* Reallocate(void* ptr, nuint oldSize, nuint alignment, nuint newSize);

    /// <summary>Allocates <paramref name="size"/> zeroed bytes aligned to <paramref name="alignment"/>.</summary>
    /// <param name="size">The number of bytes.</param>
    /// <param name="alignment">A power of two.</param>
    /// <returns>The block; never null (failure throws <see cref="OutOfMemoryException"/>).</returns>
    void* AllocateZeroed(nuint size, nuint alignment);
}
