using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Mockalloc.Apis;

namespace Mockalloc.Generators.Interception;

/// <summary>The rows of <see cref="TrackedApis"/> that have a facade, indexed by declaring type and member.</summary>
internal static class TrackedApiIndex
{
    private static readonly Dictionary<(string Type, string Member), ResourceApi> s_byTypeAndMember = Index();

    /// <summary>The member names of every row interceptors redirect: the parser's syntactic filter.</summary>
    public static HashSet<string> InterceptableMemberNames { get; } = InterceptableNames();

    /// <summary>The row with a facade for a member of a type (given by its original definition), or null.</summary>
    public static ResourceApi? Find(INamedTypeSymbol type, string member) =>
        s_byTypeAndMember.TryGetValue((MetadataName(type), member), out ResourceApi? row) ? row : null;

    /// <summary>
    /// The row with a facade for a bound member, following overrides (a custom pool's <c>Rent</c>) to the
    /// table's type; constructors are looked up as <c>.ctor</c>. Null when the member is not in the table.
    /// </summary>
    public static ResourceApi? Find(IMethodSymbol method)
    {
        string member = method.MethodKind == MethodKind.Constructor ? ".ctor" : method.Name;
        for (IMethodSymbol? current = method; current is not null; current = current.OverriddenMethod)
        {
            if (Find(current.ContainingType.OriginalDefinition, member) is { } row)
            {
                return row;
            }
        }

        return null;
    }

    /// <summary>The row for a member of a type that interceptors redirect, or null.</summary>
    public static ResourceApi? FindInterceptable(INamedTypeSymbol type, string member) =>
        Find(type, member) is { Facade.Interceptable: true } row ? row : null;

    /// <summary>Namespace-qualified metadata name (<c>System.Buffers.ArrayPool`1</c>).</summary>
    public static string MetadataName(INamedTypeSymbol type)
    {
        string outer = type.ContainingType is { } containing
            ? MetadataName(containing) + "+"
            : type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." : "";
        return outer + type.MetadataName;
    }

    private static HashSet<string> InterceptableNames()
    {
        var names = new HashSet<string>();
        foreach (KeyValuePair<(string Type, string Member), ResourceApi> entry in s_byTypeAndMember)
        {
            if (entry.Value.Facade!.Interceptable)
            {
                names.Add(entry.Key.Member);
            }
        }

        return names;
    }

    private static Dictionary<(string Type, string Member), ResourceApi> Index()
    {
        var index = new Dictionary<(string Type, string Member), ResourceApi>();
        foreach (ResourceApi row in TrackedApis.Bcl)
        {
            if (row.Facade is not null)
            {
                index[(row.TypeName, row.Member)] = row;
            }
        }

        return index;
    }
}
