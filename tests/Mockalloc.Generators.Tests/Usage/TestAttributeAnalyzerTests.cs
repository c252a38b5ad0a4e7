using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Verify = Mockalloc.Generators.Tests.Usage.UsageVerifier<Mockalloc.Generators.Usage.TestAttributeAnalyzer, Mockalloc.Generators.CodeFixes.TestAttributeCodeFix>;

namespace Mockalloc.Generators.Tests.Usage;

/// <summary>MA0003 (off by default): plain test attributes where a Mockalloc one exists, and the fix that swaps them.</summary>
public sealed class TestAttributeAnalyzerTests
{
    /// <summary>Stand-ins for xunit's attributes and Mockalloc.Xunit's, with their real namespaces and names.</summary>
    private const string Xunit = """

        namespace Xunit
        {
            [System.AttributeUsage(System.AttributeTargets.Method)]
            public class FactAttribute : System.Attribute
            {
                public string? DisplayName { get; set; }
                public string? Skip { get; set; }
                public int Timeout { get; set; }
            }

            public class TheoryAttribute : FactAttribute { }

            public sealed class MockallocFactAttribute : FactAttribute
            {
                public long MaxAllocations { get; set; }
            }

            public sealed class MockallocTheoryAttribute : TheoryAttribute { }

            [System.AttributeUsage(System.AttributeTargets.Method, AllowMultiple = true)]
            public sealed class InlineDataAttribute(params object[] data) : System.Attribute
            {
                public object[] Data { get; } = data;
            }
        }
        """;

    /// <summary>Stand-ins for MSTest's attribute and Mockalloc.MSTest's (caller-info constructors as in MSTest 4).</summary>
    private const string MSTest = """

        namespace Microsoft.VisualStudio.TestTools.UnitTesting
        {
            [System.AttributeUsage(System.AttributeTargets.Method)]
            public class TestMethodAttribute([System.Runtime.CompilerServices.CallerFilePath] string callerFilePath = "", [System.Runtime.CompilerServices.CallerLineNumber] int callerLineNumber = -1) : System.Attribute
            {
                public string? DisplayName { get; set; }
                public string File { get; } = callerFilePath + callerLineNumber;
            }

            public sealed class MockallocTestMethodAttribute([System.Runtime.CompilerServices.CallerFilePath] string callerFilePath = "", [System.Runtime.CompilerServices.CallerLineNumber] int callerLineNumber = -1)
                : TestMethodAttribute(callerFilePath, callerLineNumber) { }
        }
        """;

    [Fact]
    public async Task Fact_and_Theory_become_Mockalloc_attributes_with_their_arguments()
    {
        await Verify.VerifyFixAsync("""
            using Xunit;

            public class Tests
            {
                [{|MA0003:Fact|}]
                public void A() { }

                [{|MA0003:Fact(DisplayName = "b", Skip = "later", Timeout = 100)|}]
                public void B() { }

                [{|MA0003:Theory|}, InlineData(1)]
                [InlineData(2)]
                public void C(int x) { }
            }
            """ + Xunit, """
            using Xunit;

            public class Tests
            {
                [MockallocFact]
                public void A() { }

                [MockallocFact(DisplayName = "b", Skip = "later", Timeout = 100)]
                public void B() { }

                [MockallocTheory, InlineData(1)]
                [InlineData(2)]
                public void C(int x) { }
            }
            """ + Xunit);
    }

    [Fact]
    public async Task Qualified_suffixed_and_aliased_names_keep_their_shape()
    {
        await Verify.VerifyFixAsync("""
            using X = Xunit.FactAttribute;

            public class Tests
            {
                [{|MA0003:Xunit.Fact|}]
                public void A() { }

                [{|MA0003:global::Xunit.FactAttribute(Skip = "s")|}]
                public void B() { }

                [{|MA0003:X|}]
                public void C() { }
            }
            """ + Xunit, """
            using X = Xunit.FactAttribute;

            public class Tests
            {
                [Xunit.MockallocFact]
                public void A() { }

                [global::Xunit.MockallocFactAttribute(Skip = "s")]
                public void B() { }

                [Xunit.MockallocFact]
                public void C() { }
            }
            """ + Xunit);
    }

    [Fact]
    public async Task TestMethod_becomes_MockallocTestMethod()
    {
        await Verify.VerifyFixAsync("""
            using Microsoft.VisualStudio.TestTools.UnitTesting;

            public class Tests
            {
                [{|MA0003:TestMethod|}]
                public void A() { }

                [{|MA0003:TestMethod(DisplayName = "b")|}]
                public void B() { }
            }
            """ + MSTest, """
            using Microsoft.VisualStudio.TestTools.UnitTesting;

            public class Tests
            {
                [MockallocTestMethod]
                public void A() { }

                [MockallocTestMethod(DisplayName = "b")]
                public void B() { }
            }
            """ + MSTest, title: "Use [MockallocTestMethod]");
    }

    [Fact]
    public async Task Mockalloc_attributes_are_not_reported()
    {
        await Verify.VerifyAnalyzerAsync("""
            using Microsoft.VisualStudio.TestTools.UnitTesting;
            using Xunit;

            public class Tests
            {
                [MockallocFact(MaxAllocations = 0)]
                public void A() { }

                [MockallocTheory, InlineData(1)]
                public void B(int x) { }

                [MockallocTestMethod]
                public void C() { }
            }
            """ + Xunit + MSTest);
    }

    [Fact]
    public async Task Only_plain_attributes_whose_Mockalloc_attribute_exists_are_reported()
    {
        // The xunit pair exists, Mockalloc.MSTest is not referenced: [TestMethod] has no replacement here.
        const string plainMSTest = """

            namespace Microsoft.VisualStudio.TestTools.UnitTesting
            {
                [System.AttributeUsage(System.AttributeTargets.Method)]
                public class TestMethodAttribute : System.Attribute { }
            }
            """;
        await Verify.VerifyFixAsync("""
            using Microsoft.VisualStudio.TestTools.UnitTesting;

            public class Tests
            {
                [TestMethod]
                public void A() { }

                [{|MA0003:Xunit.Fact|}]
                public void B() { }
            }
            """ + Xunit + plainMSTest, """
            using Microsoft.VisualStudio.TestTools.UnitTesting;

            public class Tests
            {
                [TestMethod]
                public void A() { }

                [Xunit.MockallocFact]
                public void B() { }
            }
            """ + Xunit + plainMSTest);
    }

    [Fact]
    public async Task Off_by_default()
    {
        var diagnostics = await Verify.DiagnosticsWithDefaultsAsync("""
            public class Tests
            {
                [Xunit.Fact]
                public void A() { }
            }
            """ + Xunit);
        Assert.Empty(diagnostics);
        Assert.False(new Generators.Usage.TestAttributeAnalyzer().SupportedDiagnostics.Single().IsEnabledByDefault);
    }

    [Fact]
    public async Task The_message_names_both_attributes()
    {
        var compilation = CSharpCompilation.Create(
            "Consumer",
            [CSharpSyntaxTree.ParseText("""
                public class Tests
                {
                    [Xunit.Theory]
                    public void A() { }
                }
                """ + Xunit)],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
                .WithSpecificDiagnosticOptions([new("MA0003", ReportDiagnostic.Info)]));
        var diagnostics = await compilation.WithAnalyzers([new Generators.Usage.TestAttributeAnalyzer()]).GetAnalyzerDiagnosticsAsync();
        Diagnostic diagnostic = Assert.Single(diagnostics);
        Assert.Equal("Use `[MockallocTheory]` instead of `[Theory]` so the test is checked for allocation bugs", diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal("https://github.com/mockalloc/mockalloc/blob/main/docs/rules/MA0003.md", diagnostic.Descriptor.HelpLinkUri);
    }
}
