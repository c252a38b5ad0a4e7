using System.Reflection;

namespace Mockalloc.Internal;

/// <summary>Names a region after the code that started it: "ParserTests.Roundtrip" for a lambda written in that test.</summary>
internal static class RegionNaming
{
    /// <summary>
    /// The user-visible member and type of <paramref name="body"/>: a lambda or local function compiled as
    /// <c>&lt;Roundtrip&gt;b__0_0</c> in a closure class nested in <c>ParserTests</c> gives "ParserTests.Roundtrip".
    /// </summary>
    public static string Of(MethodInfo body)
    {
        string member = body.Name;
        if (member.StartsWith('<') && member.IndexOf('>') is > 1 and int end)
        {
            member = member[1..end];
        }
        Type? type = body.DeclaringType;
        while (type is not null && type.Name.StartsWith('<') && type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }
        return type is null ? member : $"{type.Name}.{member}";
    }
}
