namespace Mockalloc.Internal;

/// <summary>
/// The API family that acquired or released a block: the multiplier of the engine's family channel.
/// A block released through a family other than the one that acquired it is a MismatchedFree.
/// </summary>
/// <remarks>Values are nonzero so that every family contributes to the channel.</remarks>
internal enum AllocFamily : ulong
{
    /// <summary><see cref="MockAllocator{TInner}"/>.</summary>
    Wrapper = 1,
    /// <summary><c>NativeMemory.Alloc/AllocZeroed/Realloc/Free</c>.</summary>
    NativeMemory = 2,
    /// <summary><c>NativeMemory.AlignedAlloc/AlignedRealloc/AlignedFree</c>.</summary>
    NativeMemoryAligned = 3,
    /// <summary><c>Marshal.AllocHGlobal</c> and friends.</summary>
    HGlobal = 4,
    /// <summary><c>Marshal.AllocCoTaskMem</c> and friends.</summary>
    CoTaskMem = 5,
    /// <summary><c>Marshal.StringToBSTR</c>/<c>FreeBSTR</c>.</summary>
    Bstr = 6,
    /// <summary>GC handles.</summary>
    GCHandle = 7,
}
