using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Mockalloc.Analyzers.Internal;

/// <summary>
/// The acquisition and release members the checker knows: the tracked BCL members of <see cref="TrackedApis"/>
/// (shared with the interceptor generator), their facades, and the allocator abstraction. Everything the
/// analysis knows about specific members comes from here.
/// </summary>
internal static class ResourceApiTable
{
    private const string GCHandle = "System.Runtime.InteropServices.GCHandle";

    private static readonly ResourceApi[] s_rows =
    [
        // the tracked BCL members and the Mockalloc.Tracked facades that stand for them
        .. TrackedApis.Bcl,
        .. Facades(),

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
            string typeName = SymbolNames.MetadataName(current.ContainingType.OriginalDefinition);
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

        string name = SymbolNames.MetadataName(type.OriginalDefinition);
        if (name is GCHandle or "System.Buffers.IMemoryOwner`1"
            || name.StartsWith("System.Runtime.InteropServices.", System.StringComparison.Ordinal) && name.EndsWith("GCHandle`1", System.StringComparison.Ordinal))
        {
            return true;
        }

        foreach (INamedTypeSymbol iface in type.AllInterfaces)
        {
            if (SymbolNames.MetadataName(iface.OriginalDefinition) == "System.Buffers.IMemoryOwner`1")
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<ResourceApi> Facades()
    {
        var seen = new HashSet<(string, string)>();
        foreach (ResourceApi row in TrackedApis.Bcl)
        {
            if (row.FacadeTwin() is { } twin && seen.Add((twin.TypeName, twin.Member)))
            {
                yield return twin;
            }
        }
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
