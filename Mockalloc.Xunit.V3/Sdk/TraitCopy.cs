namespace Mockalloc.Sdk.XunitV3;

/// <summary>Copies a test method's traits into the mutable shape test case constructors take (xUnit's own helper is internal).</summary>
internal static class TraitCopy
{
    public static Dictionary<string, HashSet<string>> ToMutable(IReadOnlyDictionary<string, IReadOnlyCollection<string>> traits)
    {
        var copy = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
        foreach ((string name, IReadOnlyCollection<string> values) in traits)
        {
            copy[name] = new HashSet<string>(values, StringComparer.OrdinalIgnoreCase);
        }
        return copy;
    }
}
