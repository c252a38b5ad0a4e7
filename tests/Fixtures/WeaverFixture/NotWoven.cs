using System.Runtime.InteropServices;

namespace Mockalloc.Tracked;

/// <summary>A type in the facades' namespace: the weaver must leave its calls alone, as it does the real facades'.</summary>
public static unsafe class FixtureFacade
{
    public static void Leak() => NativeMemory.Alloc(8);
}
