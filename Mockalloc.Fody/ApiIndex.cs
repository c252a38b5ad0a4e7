using System.Collections.Generic;
using Mono.Cecil;

namespace Mockalloc.Fody;

/// <summary>The rows of <see cref="TrackedApis"/> that have a facade, indexed by declaring type and member.</summary>
/// <remarks>
/// Unlike the interceptor generator, the weaver keeps the rows whose facade is not interceptable (typed GC handle
/// constructors and their <c>Dispose</c>): IL can redirect a constructor, so both halves are redirected together.
/// </remarks>
internal static class ApiIndex
{
    private static readonly Dictionary<(string Type, string Member), ResourceApi> s_rows = Index();

    /// <summary>Every member name of a row: the cheap filter before any lookup.</summary>
    public static HashSet<string> MemberNames { get; } = Names();

    /// <summary>The row for a member of a type given by its namespace-qualified metadata name, or null.</summary>
    public static ResourceApi? Find(string typeName, string member) =>
        s_rows.TryGetValue((typeName, member), out ResourceApi? row) ? row : null;

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

    private static HashSet<string> Names()
    {
        var names = new HashSet<string>();
        foreach ((string _, string member) in s_rows.Keys)
        {
            names.Add(member);
        }

        return names;
    }
}
