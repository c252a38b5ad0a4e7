namespace Mockalloc.Core.Tests.Support;

/// <summary>Shorthands for tests: a tracked allocator over <see cref="LeakingAllocator"/>.</summary>
internal static unsafe class TestAllocator
{
    public static readonly MockAllocator<LeakingAllocator> Instance = new(default);

    public static nint Alloc(nuint size, nuint alignment) => (nint)Instance.Allocate(size, alignment);

    public static void Free(nint ptr, nuint size, nuint alignment) => Instance.Free((void*)ptr, size, alignment);
}
