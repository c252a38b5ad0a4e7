using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Mockalloc.Analyzers.Tests;

/// <summary>
/// Compiles C# source against the running runtime's assemblies and runs <see cref="LeakAnalyzer"/> on it
/// (the Microsoft.CodeAnalysis.*.Testing packages are not available here).
/// </summary>
internal static partial class AnalyzerHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(() =>
        [.. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => p.Length > 0)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))]);

    public static string CorpusDirectory => Path.Combine(AppContext.BaseDirectory, "Corpus");

    public static CSharpCompilation Compile(params (string Path, string Text)[] sources)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Preview);
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, parse, s.Path));
        var compilation = CSharpCompilation.Create(
            "Corpus",
            trees,
            s_references.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));
        Diagnostic[] errors = [.. compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error)];
        if (errors.Length > 0)
        {
            throw new InvalidOperationException("The case does not compile:\n" + string.Join("\n", errors.Select(e => e.ToString())));
        }

        return compilation;
    }

    public static ImmutableArray<Diagnostic> Run(Compilation compilation)
    {
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new LeakAnalyzer());
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            onAnalyzerException: (e, _, _) => throw new InvalidOperationException("analyzer threw", e),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        return compilation.WithAnalyzers(analyzers, options)
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult()
            .Where(d => d.Id.StartsWith("MA1", StringComparison.Ordinal) || d.Id.StartsWith("AD", StringComparison.Ordinal))
            .ToImmutableArray();
    }

    public static ImmutableArray<Diagnostic> RunOn(string source) => Run(Compile(("Case.cs", source)));

    /// <summary>Expected diagnostics of a corpus file: every <c>// MA1001</c> (or MA1002) marker at the end of a line.</summary>
    public static List<string> Expected(string text)
    {
        var expected = new List<string>();
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            Match marker = MarkerRegex().Match(lines[i]);
            if (marker.Success)
            {
                foreach (Capture id in marker.Groups["id"].Captures)
                {
                    expected.Add(id.Value + "@" + (i + 1));
                }
            }
        }

        return expected;
    }

    public static List<string> Actual(IEnumerable<Diagnostic> diagnostics) =>
        [.. diagnostics.Select(d => d.Id + "@" + (d.Location.GetLineSpan().StartLinePosition.Line + 1))];

    /// <summary>Runs the analyzer on one corpus file and returns (expected, actual, messages) sorted for comparison.</summary>
    public static (string Expected, string Actual, string Messages) CheckCorpusFile(string relativePath)
    {
        string path = Path.Combine(CorpusDirectory, relativePath);
        string text = File.ReadAllText(path);
        ImmutableArray<Diagnostic> diagnostics = Run(Compile((path, text)));
        string expected = string.Join("\n", Expected(text).Order(StringComparer.Ordinal));
        string actual = string.Join("\n", Actual(diagnostics).Order(StringComparer.Ordinal));
        string messages = string.Join("\n", diagnostics.Select(d => d.ToString()));
        return (expected, actual, messages);
    }

    public static IEnumerable<object[]> CorpusFiles(string folder) =>
        Directory.EnumerateFiles(Path.Combine(CorpusDirectory, folder), "*.cs")
            .Order(StringComparer.Ordinal)
            .Select(f => new object[] { Path.Combine(folder, Path.GetFileName(f)) });

    [GeneratedRegex(@"//\s*(?<id>MA\d{4})(?:\s+(?<id>MA\d{4}))*\s*$")]
    private static partial Regex MarkerRegex();
}
