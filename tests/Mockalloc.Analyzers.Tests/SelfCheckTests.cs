using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Mockalloc.Analyzers.Tests;

/// <summary>No false positive on the repository's own shipped code: the checker must stay quiet on it.</summary>
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
    public void Shipped_project_has_no_leak_report(string project)
    {
        string folder = Path.Combine(RepositoryRoot.Path, project);
        string[] files = [.. Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                     && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))];
        Assert.NotEmpty(files);

        var parse = new CSharpParseOptions(LanguageVersion.Preview);
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parse, f)).ToList();
        trees.Add(CSharpSyntaxTree.ParseText("global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; global using System.Threading; global using System.Threading.Tasks;", parse, "Usings.g.cs"));
        IEnumerable<MetadataReference> references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Concat(AppDomain.CurrentDomain.GetAssemblies().Where(a => !a.IsDynamic && a.Location.Length > 0).Select(a => a.Location))
            .Distinct(StringComparer.Ordinal)
            .Where(p => p.Length > 0)
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create(project, trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));

        Diagnostic[] reports = [.. AnalyzerHarness.Run(compilation)];
        Assert.True(reports.Length == 0, string.Join("\n", reports.Select(r => r.ToString())));
    }
}
