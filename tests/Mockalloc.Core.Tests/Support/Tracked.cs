namespace Mockalloc.Core.Tests.Support;

/// <summary>Shorthands for tests: a tracked allocator over <see cref="LeakingAllocator"/>.</summary>
internal static unsafe class Tracked
{
    public static readonly MockAllocator<LeakingAllocator> Allocator = new(default);

    public static nint Alloc(nuint size, nuint alignment) => (nint)Allocator.Allocate(size, alignment);

    public static void Free(nint ptr, nuint size, nuint alignment) => Allocator.Free((void*)ptr, size, alignment);
}
