namespace Mockalloc.Internal;

/// <summary>Readable names of family values, for traces and messages.</summary>
internal static class FamilyNames
{
    /// <summary>"NativeMemory", "HGlobal", …, or "pool #hash" for a pool instance.</summary>
    public static string Of(ulong family) => family switch
    {
        (ulong)AllocFamily.Wrapper => "MockAllocator",
        (ulong)AllocFamily.NativeMemory => "NativeMemory",
        (ulong)AllocFamily.NativeMemoryAligned => "NativeMemory aligned",
        (ulong)AllocFamily.HGlobal => "HGlobal",
        (ulong)AllocFamily.CoTaskMem => "CoTaskMem",
        (ulong)AllocFamily.Bstr => "BSTR",
        (ulong)AllocFamily.GCHandle => "GCHandle",
        _ when (family & PoolFamily.PoolBit) != 0 => $"pool #{family & 0xFFFF_FFFF:X}",
        _ => $"family {family}",
    };
}
