using System.Collections.Generic;
using Mockalloc.Apis;

namespace Mockalloc.Generators.Interception;

/// <summary>The rows of <see cref="TrackedApis"/> that interceptors redirect, indexed for the parser.</summary>
internal static class InterceptableApis
{
    private static readonly Dictionary<(string Type, string Member), ResourceApi> s_byTypeAndMember = Index();

    /// <summary>The member names of every interceptable row: the parser's syntactic filter.</summary>
    public static HashSet<string> MemberNames { get; } = [.. Keys(s_byTypeAndMember)];

    /// <summary>The row for a member of a type (its metadata name), or null when it is not redirected.</summary>
    public static ResourceApi? Find(string typeMetadataName, string member) =>
        s_byTypeAndMember.TryGetValue((typeMetadataName, member), out ResourceApi? row) ? row : null;

    private static IEnumerable<string> Keys(Dictionary<(string Type, string Member), ResourceApi> index)
    {
        foreach ((string _, string member) in index.Keys)
        {
            yield return member;
        }
    }

    private static Dictionary<(string Type, string Member), ResourceApi> Index()
    {
        var index = new Dictionary<(string Type, string Member), ResourceApi>();
        foreach (ResourceApi row in TrackedApis.Bcl)
        {
            if (row.Facade is { Interceptable: true })
            {
                index[(row.TypeName, row.Member)] = row;
            }
        }

        return index;
    }
}
