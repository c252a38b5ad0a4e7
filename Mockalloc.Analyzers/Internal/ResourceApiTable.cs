using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Mockalloc.Analyzers.Internal;

/// <summary>
/// The single table of acquisition and release members the checker knows (SPEC 3.5). Everything the
/// analysis knows about specific BCL members comes from here.
/// </summary>
internal static class ResourceApiTable
{
    private const string NativeMemory = "System.Runtime.InteropServices.NativeMemory";
    private const string Marshal = "System.Runtime.InteropServices.Marshal";
    private const string GCHandle = "System.Runtime.InteropServices.GCHandle";

    private static readonly ResourceApi[] s_rows =
    [
        // native (malloc family) and its tracked twin
        .. Native(NativeMemory, "NativeMemory"),
        .. Native("Mockalloc.Tracked.TrackedNativeMemory", "TrackedNativeMemory"),

        // Marshal: HGlobal, CoTaskMem, BSTR
        .. MarshalRows(Marshal, "Marshal"),
        .. MarshalRows("Mockalloc.Tracked.TrackedMarshal", "TrackedMarshal"),

        // GC handles
        new(GCHandle, "Alloc", ApiRole.Acquire, "handle", -1, "GCHandle.Alloc"),
        new(GCHandle, "Free", ApiRole.Release, "handle", -1, "GCHandle.Free"),
        new(GCHandle, "ToIntPtr", ApiRole.Alias, "handle", 0, "GCHandle.ToIntPtr"),
        new(GCHandle, "FromIntPtr", ApiRole.Alias, "handle", 0, "GCHandle.FromIntPtr"),
        new(GCHandle, "op_Explicit", ApiRole.Alias, "handle", 0, "GCHandle explicit conversion"),
        new("Mockalloc.Tracked.TrackedGCHandle", "Alloc", ApiRole.Acquire, "handle", -1, "TrackedGCHandle.Alloc"),
        new("Mockalloc.Tracked.TrackedGCHandle", "Free", ApiRole.Release, "handle", 0, "TrackedGCHandle.Free"),
        new("Mockalloc.Tracked.TrackedGCHandle", "NewGCHandle", ApiRole.Acquire, "handle", -1, "TrackedGCHandle.NewGCHandle"),
        new("Mockalloc.Tracked.TrackedGCHandle", "NewPinnedGCHandle", ApiRole.Acquire, "handle", -1, "TrackedGCHandle.NewPinnedGCHandle"),
        new("Mockalloc.Tracked.TrackedGCHandle", "NewWeakGCHandle", ApiRole.Acquire, "handle", -1, "TrackedGCHandle.NewWeakGCHandle"),
        new("Mockalloc.Tracked.TrackedGCHandle", "Dispose", ApiRole.Release, "handle", 0, "TrackedGCHandle.Dispose"),
        .. TypedHandle("GCHandle`1", "GCHandle<T>"),
        .. TypedHandle("PinnedGCHandle`1", "PinnedGCHandle<T>"),
        .. TypedHandle("WeakGCHandle`1", "WeakGCHandle<T>"),

        // pools
        new("System.Buffers.ArrayPool`1", "Rent", ApiRole.Acquire, "pool", -1, "ArrayPool<T>.Rent"),
        new("System.Buffers.ArrayPool`1", "Return", ApiRole.Release, "pool", 0, "ArrayPool<T>.Return"),
        new("System.Buffers.MemoryPool`1", "Rent", ApiRole.Acquire, "pool", -1, "MemoryPool<T>.Rent"),
        new("Mockalloc.Tracked.TrackedArrayPool", "Rent", ApiRole.Acquire, "pool", -1, "TrackedArrayPool.Rent"),
        new("Mockalloc.Tracked.TrackedArrayPool", "Return", ApiRole.Release, "pool", 1, "TrackedArrayPool.Return"),
        new("Mockalloc.Tracked.TrackedMemoryPool", "Rent", ApiRole.Acquire, "pool", -1, "TrackedMemoryPool.Rent"),
        new("Mockalloc.Tracked.TrackedMemoryPool", "Dispose", ApiRole.Release, "pool", 0, "TrackedMemoryPool.Dispose"),

        // the allocator abstraction of Mockalloc.Core
        .. Allocator("Mockalloc.INativeAllocator", "INativeAllocator"),
        .. Allocator("Mockalloc.SystemAllocator", "SystemAllocator"),
        .. Allocator("Mockalloc.MockAllocator`1", "MockAllocator<TInner>"),

        // IMemoryOwner<T>, GCHandle<T> and friends: any parameterless Dispose releases its receiver
        new("*", "Dispose", ApiRole.Release, "disposable", -1, "Dispose"),
    ];

    private static readonly Dictionary<string, List<ResourceApi>> s_byMember = Index();

    /// <summary>Every row, for documentation and the CLI's <c>--types</c> output.</summary>
    public static IReadOnlyList<ResourceApi> Rows => s_rows;

    /// <summary>The row that describes <paramref name="method"/>, following overrides (custom pools) to the table's type.</summary>
    public static ResourceApi? Find(IMethodSymbol method)
    {
        string member = method.MethodKind == MethodKind.Constructor ? ".ctor" : method.Name;
        if (!s_byMember.TryGetValue(member, out List<ResourceApi>? candidates))
        {
            return null;
        }

        for (IMethodSymbol? current = method; current is not null; current = current.OverriddenMethod)
        {
            string typeName = MetadataName(current.ContainingType.OriginalDefinition);
            foreach (ResourceApi row in candidates)
            {
                if (row.TypeName == typeName)
                {
                    return row;
                }
            }
        }

        foreach (ResourceApi row in candidates)
        {
            if (row.TypeName == "*" && !method.IsStatic && method.Parameters.Length == 0 && method.ReturnsVoid)
            {
                return row;
            }
        }

        return null;
    }

    /// <summary>True for types that can carry a resource of the table: pointers, native ints, handles, arrays, memory owners.</summary>
    public static bool CanHoldResource(ITypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        switch (type.TypeKind)
        {
            case TypeKind.Pointer:
            case TypeKind.Array:
                return true;
            case TypeKind.TypeParameter:
            case TypeKind.Dynamic:
                return false;
        }

        if (type.SpecialType is SpecialType.System_IntPtr or SpecialType.System_UIntPtr or SpecialType.System_Object)
        {
            return true;
        }

        string name = MetadataName(type.OriginalDefinition);
        if (name is GCHandle or "System.Buffers.IMemoryOwner`1"
            || name.StartsWith("System.Runtime.InteropServices.", System.StringComparison.Ordinal) && name.EndsWith("GCHandle`1", System.StringComparison.Ordinal))
        {
            return true;
        }

        foreach (INamedTypeSymbol iface in type.AllInterfaces)
        {
            if (MetadataName(iface.OriginalDefinition) == "System.Buffers.IMemoryOwner`1")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Namespace-qualified metadata name (<c>System.Buffers.ArrayPool`1</c>).</summary>
    public static string MetadataName(ITypeSymbol type)
    {
        string ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() + "." : "";
        string outer = type.ContainingType is { } c ? MetadataName(c) + "+" : ns;
        return outer + type.MetadataName;
    }

    private static IEnumerable<ResourceApi> Native(string type, string display)
    {
        yield return new(type, "Alloc", ApiRole.Acquire, "malloc", -1, display + ".Alloc");
        yield return new(type, "AllocZeroed", ApiRole.Acquire, "malloc", -1, display + ".AllocZeroed");
        yield return new(type, "Realloc", ApiRole.Reallocate, "malloc", 0, display + ".Realloc");
        yield return new(type, "Free", ApiRole.Release, "malloc", 0, display + ".Free");
        yield return new(type, "AlignedAlloc", ApiRole.Acquire, "aligned", -1, display + ".AlignedAlloc");
        yield return new(type, "AlignedRealloc", ApiRole.Reallocate, "aligned", 0, display + ".AlignedRealloc");
        yield return new(type, "AlignedFree", ApiRole.Release, "aligned", 0, display + ".AlignedFree");
    }

    private static IEnumerable<ResourceApi> MarshalRows(string type, string display)
    {
        foreach (string m in new[] { "AllocHGlobal", "StringToHGlobalAnsi", "StringToHGlobalUni", "StringToHGlobalAuto", "SecureStringToGlobalAllocAnsi", "SecureStringToGlobalAllocUnicode" })
        {
            yield return new(type, m, ApiRole.Acquire, "HGlobal", -1, display + "." + m, mayReturnNull: m.StartsWith("String", System.StringComparison.Ordinal));
        }

        yield return new(type, "ReAllocHGlobal", ApiRole.Reallocate, "HGlobal", 0, display + ".ReAllocHGlobal");
        foreach (string m in new[] { "FreeHGlobal", "ZeroFreeGlobalAllocAnsi", "ZeroFreeGlobalAllocUnicode" })
        {
            yield return new(type, m, ApiRole.Release, "HGlobal", 0, display + "." + m);
        }

        foreach (string m in new[] { "AllocCoTaskMem", "StringToCoTaskMemAnsi", "StringToCoTaskMemUni", "StringToCoTaskMemAuto", "StringToCoTaskMemUTF8", "SecureStringToCoTaskMemAnsi", "SecureStringToCoTaskMemUnicode" })
        {
            yield return new(type, m, ApiRole.Acquire, "CoTaskMem", -1, display + "." + m, mayReturnNull: m.StartsWith("String", System.StringComparison.Ordinal));
        }

        yield return new(type, "ReAllocCoTaskMem", ApiRole.Reallocate, "CoTaskMem", 0, display + ".ReAllocCoTaskMem");
        foreach (string m in new[] { "FreeCoTaskMem", "ZeroFreeCoTaskMemAnsi", "ZeroFreeCoTaskMemUnicode", "ZeroFreeCoTaskMemUTF8" })
        {
            yield return new(type, m, ApiRole.Release, "CoTaskMem", 0, display + "." + m);
        }

        yield return new(type, "StringToBSTR", ApiRole.Acquire, "BSTR", -1, display + ".StringToBSTR", mayReturnNull: true);
        yield return new(type, "SecureStringToBSTR", ApiRole.Acquire, "BSTR", -1, display + ".SecureStringToBSTR");
        yield return new(type, "FreeBSTR", ApiRole.Release, "BSTR", 0, display + ".FreeBSTR");
        yield return new(type, "ZeroFreeBSTR", ApiRole.Release, "BSTR", 0, display + ".ZeroFreeBSTR");
    }

    private static IEnumerable<ResourceApi> TypedHandle(string metadataName, string display)
    {
        string type = "System.Runtime.InteropServices." + metadataName;
        yield return new(type, ".ctor", ApiRole.Acquire, "handle", -1, "new " + display);
        yield return new(type, "Dispose", ApiRole.Release, "handle", -1, display + ".Dispose");
        yield return new(type, "ToIntPtr", ApiRole.Alias, "handle", 0, display + ".ToIntPtr");
        yield return new(type, "FromIntPtr", ApiRole.Alias, "handle", 0, display + ".FromIntPtr");
    }

    private static IEnumerable<ResourceApi> Allocator(string type, string display)
    {
        // Allocators in the Rust style may report failure with null.
        yield return new(type, "Allocate", ApiRole.Acquire, "allocator", -1, display + ".Allocate", mayReturnNull: true);
        yield return new(type, "AllocateZeroed", ApiRole.Acquire, "allocator", -1, display + ".AllocateZeroed", mayReturnNull: true);
        yield return new(type, "Reallocate", ApiRole.Reallocate, "allocator", 0, display + ".Reallocate", mayReturnNull: true);
        yield return new(type, "Free", ApiRole.Release, "allocator", 0, display + ".Free");
    }

    private static Dictionary<string, List<ResourceApi>> Index()
    {
        var index = new Dictionary<string, List<ResourceApi>>(System.StringComparer.Ordinal);
        foreach (ResourceApi row in s_rows)
        {
            if (!index.TryGetValue(row.Member, out List<ResourceApi>? list))
            {
                index[row.Member] = list = [];
            }

            list.Add(row);
        }

        return index;
    }
}
