using System.Globalization;
using Microsoft.CodeAnalysis;
using Verify = Mockalloc.Generators.Tests.Usage.UsageVerifier<Mockalloc.Generators.Usage.KnobValueAnalyzer, Mockalloc.Generators.CodeFixes.KnobValueCodeFix>;

namespace Mockalloc.Generators.Tests.Usage;

/// <summary>MA0002: invalid knob values on <c>[MockallocDefaults]</c> and the Mockalloc test attributes.</summary>
public sealed class KnobValueAnalyzerTests
{
    /// <summary>Stand-ins for the test attributes, with their real namespaces and names (the packages are not referenced here).</summary>
    private const string TestAttributes = """

        namespace Xunit
        {
            [System.AttributeUsage(System.AttributeTargets.Method)]
            public sealed class MockallocFactAttribute : System.Attribute
            {
                public bool Tracing { get; set; }
                public bool TraceStacks { get; set; }
                public long MaxManagedBytes { get; set; }
                public long MaxAllocations { get; set; }
                public long MaxPeakBytes { get; set; }
                public string? Skip { get; set; }
            }

            [System.AttributeUsage(System.AttributeTargets.Method)]
            public sealed class MockallocTheoryAttribute : System.Attribute
            {
                public long MaxAllocations { get; set; }
            }
        }

        namespace Microsoft.VisualStudio.TestTools.UnitTesting
        {
            [System.AttributeUsage(System.AttributeTargets.Method)]
            public sealed class MockallocTestMethodAttribute : System.Attribute
            {
                public bool Tracing { get; set; }
                public bool TraceStacks { get; set; }
                public long MaxPeakBytes { get; set; }
            }
        }

        namespace Other
        {
            [System.AttributeUsage(System.AttributeTargets.Method)]
            public sealed class MockallocFactAttribute : System.Attribute
            {
                public bool Tracing { get; set; }
                public bool TraceStacks { get; set; }
                public long MaxManagedBytes { get; set; }
            }
        }
        """;

    [Fact]
    public async Task A_budget_below_minus_one_on_the_assembly_becomes_minus_one()
    {
        await Verify.VerifyFixAsync("""
            using Mockalloc;

            [assembly: MockallocDefaults(AllowNoData = true, {|MA0002:MaxManagedBytes = -1024|})]
            """, """
            using Mockalloc;

            [assembly: MockallocDefaults(AllowNoData = true, MaxManagedBytes = -1)]
            """, title: "Write MaxManagedBytes = -1");
    }

    [Fact]
    public async Task Every_budget_on_a_class_is_checked()
    {
        await Verify.VerifyFixAsync("""
            using Mockalloc;

            [MockallocDefaults({|MA0002:MaxAllocations = -2|}, {|MA0002:MaxPeakBytes = long.MinValue|}, {|MA0002:MaxManagedBytes = -4_096L|})]
            class Tests { }
            """, """
            using Mockalloc;

            [MockallocDefaults(MaxAllocations = -1, MaxPeakBytes = -1, MaxManagedBytes = -1)]
            class Tests { }
            """);
    }

    [Fact]
    public async Task A_constant_expression_is_evaluated()
    {
        await Verify.VerifyFixAsync("""
            using Mockalloc;

            [MockallocDefaults({|MA0002:MaxPeakBytes = Limits.Peak - 2|})]
            class Tests { }

            static class Limits { public const long Peak = 0; }
            """, """
            using Mockalloc;

            [MockallocDefaults(MaxPeakBytes = -1)]
            class Tests { }

            static class Limits { public const long Peak = 0; }
            """);
    }

    [Fact]
    public async Task The_test_attributes_are_checked()
    {
        await Verify.VerifyFixAsync("""
            using Microsoft.VisualStudio.TestTools.UnitTesting;
            using Xunit;

            class Tests
            {
                [MockallocFact(Skip = "later", {|MA0002:MaxManagedBytes = -10|})]
                void A() { }

                [MockallocTheory({|MA0002:MaxAllocations = -5|})]
                void B() { }

                [MockallocTestMethod({|MA0002:MaxPeakBytes = -64|})]
                void C() { }
            }
            """ + TestAttributes, """
            using Microsoft.VisualStudio.TestTools.UnitTesting;
            using Xunit;

            class Tests
            {
                [MockallocFact(Skip = "later", MaxManagedBytes = -1)]
                void A() { }

                [MockallocTheory(MaxAllocations = -1)]
                void B() { }

                [MockallocTestMethod(MaxPeakBytes = -1)]
                void C() { }
            }
            """ + TestAttributes);
    }

    [Fact]
    public async Task TraceStacks_with_Tracing_false_is_reported_without_a_fix()
    {
        await Verify.VerifyAnalyzerAsync("""
            using Microsoft.VisualStudio.TestTools.UnitTesting;
            using Mockalloc;
            using Xunit;

            [MockallocDefaults(Tracing = false, {|MA0002:TraceStacks = true|})]
            class Tests
            {
                [MockallocFact({|MA0002:TraceStacks = true|}, Tracing = false)]
                void A() { }

                [MockallocTestMethod(Tracing = false, {|MA0002:TraceStacks = true|})]
                void B() { }
            }
            """ + TestAttributes);
    }

    [Fact]
    public async Task Valid_values_are_not_reported()
    {
        await Verify.VerifyAnalyzerAsync("""
            using Microsoft.VisualStudio.TestTools.UnitTesting;
            using Mockalloc;
            using Xunit;

            [assembly: MockallocDefaults(MaxManagedBytes = -1, MaxAllocations = 0, MaxPeakBytes = 1L << 40)]

            [MockallocDefaults(TraceStacks = true)]
            class Tests
            {
                [MockallocFact(Tracing = true, TraceStacks = true, MaxManagedBytes = 0)]
                void A() { }

                [MockallocFact(Tracing = false, TraceStacks = false)]
                void B() { }

                [MockallocTestMethod(TraceStacks = true)]
                void C() { }
            }
            """ + TestAttributes);
    }

    [Fact]
    public async Task Attributes_of_the_same_name_elsewhere_are_not_reported()
    {
        await Verify.VerifyAnalyzerAsync("""
            class Tests
            {
                [Other.MockallocFact(MaxManagedBytes = -1024, Tracing = false, TraceStacks = true)]
                void A() { }
            }
            """ + TestAttributes);
    }

    [Fact]
    public async Task The_messages_name_the_knob_the_attribute_and_the_fix()
    {
        Diagnostic[] diagnostics = [.. (await Verify.DiagnosticsWithDefaultsAsync("""
            using Mockalloc;

            [assembly: MockallocDefaults(MaxManagedBytes = -1024, Tracing = false, TraceStacks = true)]
            """)).OrderBy(d => d.Location.SourceSpan.Start)];
        Assert.Equal(2, diagnostics.Length);
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        Assert.Equal(
            "`MaxManagedBytes` on `[MockallocDefaults]` is below -1: a budget is a limit of zero or more, or -1 for no budget; write -1 (or the limit you meant)",
            diagnostics[0].GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal(
            "`TraceStacks` on `[MockallocDefaults]` has no effect because the same attribute sets `Tracing = false`: stacks are only captured while tracing; remove one of the two",
            diagnostics[1].GetMessage(CultureInfo.InvariantCulture));
        Location tracing = Assert.Single(diagnostics[1].AdditionalLocations);
        Assert.Equal("Tracing = false", tracing.SourceTree!.GetText().ToString(tracing.SourceSpan));
        Assert.Equal("https://github.com/mockalloc/mockalloc/blob/main/docs/rules/MA0002.md", diagnostics[0].Descriptor.HelpLinkUri);
    }
}
