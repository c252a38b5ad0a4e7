using Mockalloc.Internal;

namespace Mockalloc;

/// <summary>
/// Wraps an allocator and reports every acquisition and release to the current region
/// (Rust: <c>Mockalloc(System)</c>). Outside regions it only forwards.
/// </summary>
/// <typeparam name="TInner">The allocator that does the work; a struct such as <see cref="SystemAllocator"/> is inlined.</typeparam>
/// <remarks>
/// The wrapper forwards every call, so a bad release reaches <typeparamref name="TInner"/> unchanged:
/// it detects bugs, it does not contain them. Use the <c>Mockalloc.Tracked</c> facades for native memory
/// that must survive a double free. An inner allocator's null (a failed allocation) records nothing, and
/// a failed reallocation records nothing either: the old block stays live.
/// </remarks>
public sealed unsafe class MockAllocator<TInner> : INativeAllocator
    where TInner : INativeAllocator
{
    // Not readonly: calls on a readonly field of a mutable struct allocator would run on a copy.
#pragma warning disable IDE0044
    private TInner _inner;
#pragma warning restore IDE0044

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The allocator that does the work.</param>
    /// <exception cref="ArgumentNullException"><paramref name="inner"/> is null.</exception>
    public MockAllocator(TInner inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
    }

    /// <inheritdoc/>
    public void* Allocate(nuint size, nuint alignment) => Allocate(size, alignment, default);

    /// <inheritdoc cref="INativeAllocator.Allocate"/>
    /// <param name="size">The number of bytes.</param>
    /// <param name="alignment">A power of two.</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public void* Allocate(nuint size, nuint alignment, CallSite site)
    {
        void* block = _inner.Allocate(size, alignment);
        if (block != null)
        {
            RegionFlow.OnAlloc((nuint)block, size, alignment, AllocFamily.Wrapper, site.Id);
        }
        return block;
    }

    /// <inheritdoc/>
    public void* AllocateZeroed(nuint size, nuint alignment) => AllocateZeroed(size, alignment, default);

    /// <inheritdoc cref="INativeAllocator.AllocateZeroed"/>
    /// <param name="size">The number of bytes.</param>
    /// <param name="alignment">A power of two.</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public void* AllocateZeroed(nuint size, nuint alignment, CallSite site)
    {
        void* block = _inner.AllocateZeroed(size, alignment);
        if (block != null)
        {
            RegionFlow.OnAlloc((nuint)block, size, alignment, AllocFamily.Wrapper, site.Id);
        }
        return block;
    }

    /// <inheritdoc/>
    public void Free(void* ptr, nuint size, nuint alignment) => Free(ptr, size, alignment, default);

    /// <inheritdoc cref="INativeAllocator.Free"/>
    /// <param name="ptr">The block, or null (then nothing happens).</param>
    /// <param name="size">The size the block was allocated (or last reallocated) with.</param>
    /// <param name="alignment">The alignment the block was allocated with.</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public void Free(void* ptr, nuint size, nuint alignment, CallSite site)
    {
        if (ptr != null)
        {
            RegionFlow.OnFree((nuint)ptr, size, alignment, AllocFamily.Wrapper, site.Id);
        }
        _inner.Free(ptr, size, alignment);
    }

    /// <inheritdoc/>
    public void* Reallocate(void* ptr, nuint oldSize, nuint alignment, nuint newSize) => Reallocate(ptr, oldSize, alignment, newSize, default);

    /// <inheritdoc cref="INativeAllocator.Reallocate"/>
    /// <param name="ptr">The block, allocated with <paramref name="oldSize"/> and <paramref name="alignment"/>.</param>
    /// <param name="oldSize">The block's current size.</param>
    /// <param name="alignment">The block's alignment, kept by the new block.</param>
    /// <param name="newSize">The size wanted.</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public void* Reallocate(void* ptr, nuint oldSize, nuint alignment, nuint newSize, CallSite site)
    {
        void* block = _inner.Reallocate(ptr, oldSize, alignment, newSize);
        if (block != null)
        {
            if (ptr != null)
            {
                RegionFlow.OnFree((nuint)ptr, oldSize, alignment, AllocFamily.Wrapper, site.Id);
            }
            RegionFlow.OnAlloc((nuint)block, newSize, alignment, AllocFamily.Wrapper, site.Id);
        }
        return block;
    }
}
