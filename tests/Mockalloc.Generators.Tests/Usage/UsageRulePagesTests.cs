using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis;
using Mockalloc.Generators.Diagnostics;
using Mockalloc.Generators.Usage;

namespace Mockalloc.Generators.Tests.Usage;

/// <summary>Every usage rule links to its page in docs/rules, the page is titled like the rule, and the rule is release-tracked.</summary>
public sealed class UsageRulePagesTests
{
    public static TheoryData<string> Ids { get; } = [Descriptors.AsyncBodyId, Descriptors.KnobValueId, Descriptors.TestAttributeId];

    [Theory]
    [MemberData(nameof(Ids))]
    public void The_rule_links_to_its_page_which_is_titled_like_the_rule(string id)
    {
        DiagnosticDescriptor descriptor = Descriptor(id);
        Assert.Equal("https://github.com/mockalloc/mockalloc/blob/main/docs/rules/" + id + ".md", descriptor.HelpLinkUri);
        string page = Path.Combine(RepositoryRoot(), "docs", "rules", id + ".md");
        Assert.True(File.Exists(page), "missing rule page for " + id);
        Assert.Equal($"# {id}: {descriptor.Title}", File.ReadLines(page).First());
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void The_rule_is_in_the_unshipped_release_with_its_category_and_severity(string id)
    {
        DiagnosticDescriptor descriptor = Descriptor(id);
        string severity = descriptor.IsEnabledByDefault ? descriptor.DefaultSeverity.ToString() : "Disabled";
        string[] rows = File.ReadAllLines(Path.Combine(RepositoryRoot(), "Mockalloc.Generators", "AnalyzerReleases.Unshipped.md"));
        Assert.Contains(rows, row => row.StartsWith($"{id} | {descriptor.Category} | {severity} |", StringComparison.Ordinal));
    }

    private static DiagnosticDescriptor Descriptor(string id)
    {
        DiagnosticAnalyzer[] analyzers = [new AsyncBodyAnalyzer(), new KnobValueAnalyzer(), new TestAttributeAnalyzer()];
        return analyzers.SelectMany(a => a.SupportedDiagnostics).Single(d => d.Id == id);
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Mockalloc.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Mockalloc.sln not found above " + AppContext.BaseDirectory);
    }
}
