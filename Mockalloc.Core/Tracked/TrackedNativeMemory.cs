using System.Numerics;
using System.Runtime.InteropServices;
using Mockalloc.Internal;

namespace Mockalloc.Tracked;

/// <summary>
/// <see cref="NativeMemory"/> with every acquisition and release reported to the current region. Same
/// signatures, results and exceptions as the BCL members; interceptors and the weaver redirect call sites
/// here, and code may call it directly.
/// </summary>
/// <remarks>
/// <para>Each block carries a 16-byte header before it (see the project docs), so a release needs no size
/// and still gives exact <see cref="AllocInfo.BytesFreed"/>, and a double free, an interior or foreign
/// pointer or a release through the wrong family is reported instead of corrupting the heap: inside a
/// region such a release never reaches the native allocator.</para>
/// <para>Blocks from here must be released here (or through <see cref="TrackedMarshal"/> for the other
/// families, which reports MismatchedFree): the BCL's own <see cref="NativeMemory.Free"/> does not know
/// about the header. Memory that untracked code allocated can be released here outside regions.</para>
/// </remarks>
public static unsafe class TrackedNativeMemory
{
    /// <summary>Tracked <see cref="NativeMemory.Alloc(nuint)"/>.</summary>
    /// <param name="byteCount">The size of the block in bytes.</param>
    /// <returns>The block.</returns>
    /// <exception cref="OutOfMemoryException">The allocation failed.</exception>
    public static void* Alloc(nuint byteCount) => Alloc(byteCount, default(CallSite));

    /// <inheritdoc cref="Alloc(nuint)"/>
    /// <param name="byteCount">The size of the block in bytes.</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static void* Alloc(nuint byteCount, CallSite site) =>
        NativeBlocks.Allocate<MallocFamily>(byteCount, 0, zeroed: false, site.Id);

    /// <summary>Tracked <see cref="NativeMemory.Alloc(nuint, nuint)"/>.</summary>
    /// <param name="elementCount">The number of elements.</param>
    /// <param name="elementSize">The size of each element in bytes.</param>
    /// <returns>The block.</returns>
    /// <exception cref="OutOfMemoryException">The allocation failed or the size overflows.</exception>
    public static void* Alloc(nuint elementCount, nuint elementSize) => Alloc(elementCount, elementSize, default);

    /// <inheritdoc cref="Alloc(nuint, nuint)"/>
    /// <param name="elementCount">The number of elements.</param>
    /// <param name="elementSize">The size of each element in bytes.</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static void* Alloc(nuint elementCount, nuint elementSize, CallSite site) => Alloc(ByteCount(elementCount, elementSize), site);

    /// <summary>Tracked <see cref="NativeMemory.AllocZeroed(nuint)"/>.</summary>
    /// <param name="byteCount">The size of the block in bytes.</param>
    /// <returns>The zeroed block.</returns>
    /// <exception cref="OutOfMemoryException">The allocation failed.</exception>
    public static void* AllocZeroed(nuint byteCount) => AllocZeroed(byteCount, default(CallSite));

    /// <inheritdoc cref="AllocZeroed(nuint)"/>
    /// <param name="byteCount">The size of the block in bytes.</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static void* AllocZeroed(nuint byteCount, CallSite site) =>
        NativeBlocks.Allocate<MallocFamily>(byteCount, 0, zeroed: true, site.Id);

    /// <summary>Tracked <see cref="NativeMemory.AllocZeroed(nuint, nuint)"/>.</summary>
    /// <param name="elementCount">The number of elements.</param>
    /// <param name="elementSize">The size of each element in bytes.</param>
    /// <returns>The zeroed block.</returns>
    /// <exception cref="OutOfMemoryException">The allocation failed or the size overflows.</exception>
    public static void* AllocZeroed(nuint elementCount, nuint elementSize) => AllocZeroed(elementCount, elementSize, default);

    /// <inheritdoc cref="AllocZeroed(nuint, nuint)"/>
    /// <param name="elementCount">The number of elements.</param>
    /// <param name="elementSize">The size of each element in bytes.</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static void* AllocZeroed(nuint elementCount, nuint elementSize, CallSite site) => AllocZeroed(ByteCount(elementCount, elementSize), site);

    /// <summary>Tracked <see cref="NativeMemory.Realloc"/>: a null <paramref name="ptr"/> allocates.</summary>
    /// <param name="ptr">The block to resize, or null.</param>
    /// <param name="byteCount">The new size in bytes.</param>
    /// <returns>The resized block; <paramref name="ptr"/> is no longer valid unless this throws.</returns>
    /// <exception cref="OutOfMemoryException">The reallocation failed; <paramref name="ptr"/> is still valid.</exception>
    public static void* Realloc(void* ptr, nuint byteCount) => Realloc(ptr, byteCount, default);

    /// <inheritdoc cref="Realloc(void*, nuint)"/>
    /// <param name="ptr">The block to resize, or null.</param>
    /// <param name="byteCount">The new size in bytes.</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static void* Realloc(void* ptr, nuint byteCount, CallSite site) =>
        NativeBlocks.Reallocate<MallocFamily>(ptr, byteCount, 0, site.Id);

    /// <summary>Tracked <see cref="NativeMemory.Free"/>: null is a no-op.</summary>
    /// <param name="ptr">The block to release, or null.</param>
    public static void Free(void* ptr) => Free(ptr, default);

    /// <inheritdoc cref="Free(void*)"/>
    /// <param name="ptr">The block to release, or null.</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static void Free(void* ptr, CallSite site) => NativeBlocks.Release<MallocFamily>(ptr, site.Id);

    /// <summary>Tracked <see cref="NativeMemory.AlignedAlloc"/>.</summary>
    /// <param name="byteCount">The size of the block in bytes.</param>
    /// <param name="alignment">The alignment, a power of two.</param>
    /// <returns>The aligned block.</returns>
    /// <exception cref="ArgumentException"><paramref name="alignment"/> is not a power of two.</exception>
    /// <exception cref="OutOfMemoryException">The allocation failed.</exception>
    public static void* AlignedAlloc(nuint byteCount, nuint alignment) => AlignedAlloc(byteCount, alignment, default);

    /// <inheritdoc cref="AlignedAlloc(nuint, nuint)"/>
    /// <param name="byteCount">The size of the block in bytes.</param>
    /// <param name="alignment">The alignment, a power of two.</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static void* AlignedAlloc(nuint byteCount, nuint alignment, CallSite site) =>
        NativeBlocks.Allocate<AlignedFamily>(byteCount, CheckAlignment(alignment), zeroed: false, site.Id);

    /// <summary>Tracked <see cref="NativeMemory.AlignedRealloc"/>: a null <paramref name="ptr"/> allocates.</summary>
    /// <param name="ptr">The block to resize, or null.</param>
    /// <param name="byteCount">The new size in bytes.</param>
    /// <param name="alignment">The alignment the block was allocated with, a power of two.</param>
    /// <returns>The resized block.</returns>
    /// <exception cref="ArgumentException"><paramref name="alignment"/> is not a power of two.</exception>
    /// <exception cref="OutOfMemoryException">The reallocation failed; <paramref name="ptr"/> is still valid.</exception>
    public static void* AlignedRealloc(void* ptr, nuint byteCount, nuint alignment) => AlignedRealloc(ptr, byteCount, alignment, default);

    /// <inheritdoc cref="AlignedRealloc(void*, nuint, nuint)"/>
    /// <param name="ptr">The block to resize, or null.</param>
    /// <param name="byteCount">The new size in bytes.</param>
    /// <param name="alignment">The alignment the block was allocated with, a power of two.</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static void* AlignedRealloc(void* ptr, nuint byteCount, nuint alignment, CallSite site) =>
        NativeBlocks.Reallocate<AlignedFamily>(ptr, byteCount, CheckAlignment(alignment), site.Id);

    /// <summary>Tracked <see cref="NativeMemory.AlignedFree"/>: null is a no-op.</summary>
    /// <param name="ptr">The block to release, or null.</param>
    public static void AlignedFree(void* ptr) => AlignedFree(ptr, default);

    /// <inheritdoc cref="AlignedFree(void*)"/>
    /// <param name="ptr">The block to release, or null.</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static void AlignedFree(void* ptr, CallSite site) => NativeBlocks.Release<AlignedFamily>(ptr, site.Id);

    private static nuint ByteCount(nuint elementCount, nuint elementSize)
    {
        ulong high = Math.BigMul((ulong)elementCount, (ulong)elementSize, out ulong low);
        return high == 0 && low <= nuint.MaxValue ? (nuint)low : throw new OutOfMemoryException();
    }

    private static nuint CheckAlignment(nuint alignment) =>
        BitOperations.IsPow2(alignment)
            ? alignment
            : throw new ArgumentException("The alignment must be a power of two.", nameof(alignment));
}
