namespace Mockalloc.Generators.Usage;

/// <summary>
/// The full metadata names of the types the usage analyzers recognise. The test attributes live in the test
/// packages, so they are matched by name, never by reference.
/// </summary>
internal static class MockallocNames
{
    /// <summary><c>Mockalloc.Allocs</c>, the region API.</summary>
    public const string Allocs = "Mockalloc.Allocs";

    /// <summary>The assembly and class defaults attribute.</summary>
    public const string DefaultsAttribute = "Mockalloc.MockallocDefaultsAttribute";

    /// <summary>xunit (v2 and v3) fact attribute of Mockalloc.</summary>
    public const string FactAttribute = "Xunit.MockallocFactAttribute";

    /// <summary>xunit (v2 and v3) theory attribute of Mockalloc.</summary>
    public const string TheoryAttribute = "Xunit.MockallocTheoryAttribute";

    /// <summary>MSTest test method attribute of Mockalloc.</summary>
    public const string TestMethodAttribute = "Microsoft.VisualStudio.TestTools.UnitTesting.MockallocTestMethodAttribute";

    /// <summary>xunit's plain fact attribute.</summary>
    public const string XunitFact = "Xunit.FactAttribute";

    /// <summary>xunit's plain theory attribute.</summary>
    public const string XunitTheory = "Xunit.TheoryAttribute";

    /// <summary>MSTest's plain test method attribute.</summary>
    public const string MSTestTestMethod = "Microsoft.VisualStudio.TestTools.UnitTesting.TestMethodAttribute";

    /// <summary>The budget knobs: a limit of zero or more, negative for none.</summary>
    public static readonly string[] Budgets = ["MaxManagedBytes", "MaxAllocations", "MaxPeakBytes"];

    /// <summary>The tracing flag.</summary>
    public const string Tracing = "Tracing";

    /// <summary>The stack-capture flag, which only acts with tracing.</summary>
    public const string TraceStacks = "TraceStacks";

    /// <summary>The full metadata name of a type (namespace, containing types with <c>+</c>, metadata name).</summary>
    public static string FullName(Microsoft.CodeAnalysis.INamedTypeSymbol type)
    {
        string name = type.MetadataName;
        if (type.ContainingType is { } outer)
        {
            return FullName(outer) + "+" + name;
        }
        return type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + name : name;
    }
}
