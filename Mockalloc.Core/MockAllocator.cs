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
/// that must survive a double free. A failed reallocation records nothing: the old block stays live.
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
    public void* Allocate(nuint size, nuint alignment)
    {
        void* block = _inner.Allocate(size, alignment);
        RegionFlow.OnAlloc((nuint)block, size, alignment, AllocFamily.Wrapper);
        return block;
    }

    /// <inheritdoc/>
    public void* AllocateZeroed(nuint size, nuint alignment)
    {
        void* block = _inner.AllocateZeroed(size, alignment);
        RegionFlow.OnAlloc((nuint)block, size, alignment, AllocFamily.Wrapper);
        return block;
    }

    /// <inheritdoc/>
    public void Free(void* ptr, nuint size, nuint alignment)
    {
        if (ptr != null)
        {
            RegionFlow.OnFree((nuint)ptr, size, alignment, AllocFamily.Wrapper);
        }
        _inner.Free(ptr, size, alignment);
    }

    /// <inheritdoc/>
    public void* Reallocate(void* ptr, nuint oldSize, nuint alignment, nuint newSize)
    {
        void* block = _inner.Reallocate(ptr, oldSize, alignment, newSize);
        if (block != null)
        {
            if (ptr != null)
            {
                RegionFlow.OnFree((nuint)ptr, oldSize, alignment, AllocFamily.Wrapper);
            }
            RegionFlow.OnAlloc((nuint)block, newSize, alignment, AllocFamily.Wrapper);
        }
        return block;
    }
}
