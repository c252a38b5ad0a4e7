using Microsoft.CodeAnalysis;

namespace Mockalloc.Analyzers.Tests;

/// <summary>
/// No false positive on the repository's own shipped code: each project compiles without errors (so the
/// checker sees all of it: code that does not bind is skipped) and the checker stays quiet on it.
/// </summary>
public sealed class SelfCheckTests
{
    /// <summary>Every shipped project: a top-level <c>Mockalloc.*</c> folder with a project file.</summary>
    public static IEnumerable<object[]> ShippedProjects =>
        Directory.EnumerateDirectories(RepositoryRoot.Path, "Mockalloc.*")
            .Where(d => Directory.EnumerateFiles(d, "*.csproj").Any())
            .Select(d => new object[] { Path.GetFileName(d) })
            .OrderBy(p => (string)p[0], StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(ShippedProjects))]
    public void Shipped_project_binds_and_has_no_leak_report(string project)
    {
        Compilation compilation = ShippedProject.Compile(project);
        Assert.True(compilation.SyntaxTrees.Count() > 1, "no source files in " + project);

        Diagnostic[] errors = [.. compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error)];
        Assert.True(errors.Length == 0, $"{project} does not compile here ({errors.Length} errors), so the check would skip what does not bind:\n" + string.Join("\n", errors.Take(10)));

        Diagnostic[] reports = [.. AnalyzerHarness.Run(compilation)];
        Assert.True(reports.Length == 0, string.Join("\n", reports.Select(r => r.ToString())));
    }
}
