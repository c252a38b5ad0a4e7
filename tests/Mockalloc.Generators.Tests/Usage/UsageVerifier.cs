using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Mockalloc.Generators.Tests.Usage;

/// <summary>
/// Runs a usage analyzer and its code fix on test source with the Roslyn testing library: the diagnostics
/// must match the markup exactly (<c>{|MA0001:...|}</c>), the source before and after the fix must compile,
/// and the fix must give exactly the expected source.
/// </summary>
/// <remarks>
/// The references are the running runtime's assemblies and Mockalloc.dll, the way <see cref="GeneratorHarness"/>
/// compiles, so no reference package is downloaded.
/// </remarks>
internal static class UsageVerifier<TAnalyzer, TFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TFix : CodeFixProvider, new()
{
    private static readonly ImmutableArray<MetadataReference> s_references =
        [.. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => p.Length > 0)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)),
         MetadataReference.CreateFromFile(typeof(CallSite).Assembly.Location)];

    /// <summary>Checks the diagnostics in <paramref name="source"/>'s markup, and that no fix is offered.</summary>
    public static Task VerifyAnalyzerAsync(string source, OutputKind kind = OutputKind.DynamicallyLinkedLibrary) =>
        VerifyFixAsync(source, source, kind);

    /// <summary>
    /// Checks the diagnostics in <paramref name="source"/>'s markup and that the fix gives <paramref name="fixedSource"/>
    /// (and, when given, that every fix applied is titled <paramref name="title"/>).
    /// </summary>
    public static Task VerifyFixAsync(string source, string fixedSource, OutputKind kind = OutputKind.DynamicallyLinkedLibrary, string? title = null)
    {
        var test = new Test
        {
            TestCode = source,
            FixedCode = fixedSource,
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
        };
        test.TestState.OutputKind = kind;
        test.TestState.AdditionalReferences.AddRange(s_references);
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", Switches));
        if (title is not null)
        {
            test.CodeActionVerifier = (action, verifier) => verifier.Equal(title, action.Title, "code fix title");
        }
        return test.RunAsync();
    }

    /// <summary>The editorconfig of every test: the rules that are off by default switched on, as a user does.</summary>
    private const string Switches = """
        is_global = true
        dotnet_diagnostic.MA0003.severity = suggestion
        """;

    /// <summary>The analyzer's diagnostics on a compilation of <paramref name="source"/> with default options.</summary>
    public static async Task<ImmutableArray<Diagnostic>> DiagnosticsWithDefaultsAsync(string source)
    {
        CSharpCompilation compilation = CSharpCompilation.Create(
            "Consumer",
            [CSharpSyntaxTree.ParseText(source)],
            s_references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return await compilation.WithAnalyzers([new TAnalyzer()]).GetAnalyzerDiagnosticsAsync();
    }

    private sealed class Test : CSharpCodeFixTest<TAnalyzer, TFix, DefaultVerifier>
    {
        protected override ParseOptions CreateParseOptions() =>
            ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion.Preview);
    }
}
