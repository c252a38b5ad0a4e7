using Mockalloc;

namespace BuggyBuffers;

/// <summary>
/// A growable native byte buffer written against <see cref="INativeAllocator"/>, with one deliberate bug
/// per method below <see cref="Append"/>. Production code passes a <see cref="SystemAllocator"/>; tests pass a
/// <see cref="MockAllocator{TInner}"/> and find the bugs.
/// </summary>
public sealed unsafe class NativeBuffer<TAllocator>(TAllocator allocator)
    where TAllocator : INativeAllocator
{
    private const nuint Alignment = 8;
    private byte* _data;
    private nuint _capacity;

    /// <summary>Bytes written so far.</summary>
    public nuint Length { get; private set; }

    /// <summary>Appends bytes, growing the block as needed. Correct.</summary>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        nuint needed = Length + (nuint)bytes.Length;
        if (needed > _capacity)
        {
            nuint capacity = Math.Max(needed, Math.Max(16, _capacity * 2));
            _data = _data == null
                ? (byte*)allocator.Allocate(capacity, Alignment)
                : (byte*)allocator.Reallocate(_data, _capacity, Alignment, capacity);
            _capacity = capacity;
        }
        bytes.CopyTo(new Span<byte>(_data + Length, bytes.Length));
        Length = needed;
    }

    /// <summary>Releases the block. Correct.</summary>
    public void Dispose()
    {
        allocator.Free(_data, _capacity, Alignment);
        _data = null;
        _capacity = 0;
        Length = 0;
    }

    /// <summary>Bug: forgets the block instead of releasing it (Leak).</summary>
    public void Reset()
    {
        _data = null;
        _capacity = 0;
        Length = 0;
    }

    /// <summary>Bug: releases the block but keeps the pointer, so a later Dispose releases it again (DoubleFree).</summary>
    public void Shrink()
    {
        allocator.Free(_data, _capacity, Alignment);
        Length = 0;
    }

    /// <summary>Bug: releases the block stating its length instead of its capacity (BadSize).</summary>
    public void DisposeByLength()
    {
        allocator.Free(_data, Length, Alignment);
        _data = null;
    }

    /// <summary>Bug: releases the block stating a 1-byte alignment (BadAlignment).</summary>
    public void DisposeUnaligned()
    {
        allocator.Free(_data, _capacity, 1);
        _data = null;
    }

    /// <summary>Bug: skips a header it never wrote and releases an interior pointer (BadPtr).</summary>
    public void DisposeAfterHeader()
    {
        allocator.Free(_data + 4, _capacity, Alignment);
        _data = null;
    }

    /// <summary>Bug: releases the block stating its length and a 1-byte alignment (BadLayout).</summary>
    public void DisposeAsBytes()
    {
        allocator.Free(_data, Length, 1);
        _data = null;
    }

    /// <summary>
    /// Bug: hands the block to <c>NativeMemory.Free</c>, which did not allocate it (MismatchedFree). The call
    /// goes through Mockalloc's tracked stand-in, as interception would redirect it.
    /// </summary>
    public void DisposeWithNativeMemoryFree()
    {
        Mockalloc.Tracked.TrackedNativeMemory.Free(_data);
        _data = null;
    }
}
