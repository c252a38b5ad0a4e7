using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Mockalloc.Apis;

namespace Mockalloc.Generators.Interception;

/// <summary>Lookups of <see cref="TrackedApis"/> by Roslyn symbol.</summary>
internal static class TrackedApiIndex
{
    /// <summary>The member names of every row interceptors redirect: the parser's syntactic filter.</summary>
    public static HashSet<string> InterceptableMemberNames => TrackedApis.InterceptableMemberNames;

    /// <summary>The row with a facade for a member of a type (given by its original definition), or null.</summary>
    public static ResourceApi? Find(INamedTypeSymbol type, string member) => TrackedApis.FindWithFacade(SymbolNames.MetadataName(type), member);

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
}
