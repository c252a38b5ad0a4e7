using System.Collections.Generic;
using Mono.Cecil;

namespace Mockalloc.Fody;

/// <summary>Lookups of <see cref="TrackedApis"/> by Cecil type reference.</summary>
/// <remarks>
/// Unlike the interceptor generator, the weaver keeps the rows whose facade is not interceptable (typed GC handle
/// constructors and their <c>Dispose</c>): IL can redirect a constructor, so both halves are redirected together.
/// </remarks>
internal static class ApiIndex
{
    /// <summary>Every member name of a row with a facade: the cheap filter before any lookup.</summary>
    public static HashSet<string> MemberNames => TrackedApis.FacadeMemberNames;

    /// <summary>The row for a member of a type given by its namespace-qualified metadata name, or null.</summary>
    public static ResourceApi? Find(string typeName, string member) => TrackedApis.FindWithFacade(typeName, member);

    /// <summary>The table's name of a type reference: <c>System.Buffers.ArrayPool`1</c> for <c>ArrayPool&lt;byte&gt;</c>.</summary>
    public static string MetadataName(TypeReference type)
    {
        TypeReference element = type.GetElementType();
        return element.DeclaringType is { } outer
            ? MetadataName(outer) + "+" + element.Name
            : string.IsNullOrEmpty(element.Namespace) ? element.Name : element.Namespace + "." + element.Name;
    }

    /// <summary>The number of generic parameters a metadata name declares (<c>ArrayPool`1</c> → 1).</summary>
    public static int Arity(string typeName)
    {
        int tick = typeName.LastIndexOf('`');
        return tick < 0 ? 0 : int.Parse(typeName.Substring(tick + 1), System.Globalization.CultureInfo.InvariantCulture);
    }
}
