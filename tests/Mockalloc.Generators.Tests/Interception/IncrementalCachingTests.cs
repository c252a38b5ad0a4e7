using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Mockalloc.Generators.Model;

namespace Mockalloc.Generators.Tests.Interception;

/// <summary>The generator's steps stay cached on an edit that changes no call site, and re-run on one that does.</summary>
public sealed class IncrementalCachingTests
{
    private const string Calls = """
        using System.Runtime.InteropServices;

        public static class Calls
        {
            public static void Leak() => Marshal.AllocHGlobal(8);
        }
        """;

    private const string MoreCalls = """
        using System.Buffers;

        public static class MoreCalls
        {
            public static byte[] Rent() => ArrayPool<byte>.Shared.Rent(8);
        }
        """;

    private const string Other = """
        public static class Other
        {
            public static int Answer() => 42;
        }
        """;

    private static readonly string[] s_steps = [TrackingNames.Switch, TrackingNames.Calls, TrackingNames.Files];

    private static (GeneratorDriver Driver, CSharpCompilation Compilation) FirstRun()
    {
        CSharpCompilation compilation = GeneratorHarness.CompileTrees([
            CSharpSyntaxTree.ParseText(Calls, GeneratorHarness.ParseOptions, "/src/Calls.cs"),
            CSharpSyntaxTree.ParseText(MoreCalls, GeneratorHarness.ParseOptions, "/src/MoreCalls.cs"),
            CSharpSyntaxTree.ParseText(Other, GeneratorHarness.ParseOptions, "/src/Other.cs"),
        ]);
        return (GeneratorHarness.Driver().RunGenerators(compilation), compilation);
    }

    private static CSharpCompilation Replace(CSharpCompilation compilation, string path, string text)
    {
        SyntaxTree old = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, path));
    }

    private static IEnumerable<(string Step, IncrementalStepRunReason Reason)> Reasons(GeneratorDriver driver) =>
        driver.GetRunResult().Results.Single().TrackedSteps
            .Where(step => s_steps.Contains(step.Key))
            .SelectMany(step => step.Value.SelectMany(run => run.Outputs.Select(output => (step.Key, output.Reason))));

    [Fact]
    public void An_edit_elsewhere_leaves_every_step_cached()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun();

        GeneratorDriver second = driver.RunGenerators(Replace(compilation, "/src/Other.cs", Other.Replace("42", "43", StringComparison.Ordinal)));

        var reasons = Reasons(second).ToList();
        Assert.Equal(s_steps.Order(), reasons.Select(r => r.Step).Distinct().Order());
        Assert.All(reasons, r => Assert.True(
            r.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{r.Step} was {r.Reason}"));
        Assert.All(second.GetRunResult().Results.Single().TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(run => run.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void An_edit_of_a_call_site_reruns_its_file()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun();

        GeneratorDriver second = driver.RunGenerators(Replace(compilation, "/src/Calls.cs", Calls.Replace("AllocHGlobal(8)", "AllocHGlobal(16)", StringComparison.Ordinal)));

        var files = Reasons(second).Where(r => r.Step == TrackingNames.Files).Select(r => r.Reason).ToList();
        Assert.Equal([IncrementalStepRunReason.Modified, IncrementalStepRunReason.Unchanged], files);
        var outputs = second.GetRunResult().Results.Single().TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(run => run.Outputs).Select(o => o.Reason).ToList();
        Assert.Equal(1, outputs.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.Equal(2, second.GetRunResult().GeneratedTrees.Length);
    }

    [Fact]
    public void Switching_tracking_off_removes_every_file()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun();

        GeneratorDriver second = driver.WithUpdatedAnalyzerConfigOptions(BuildProperties.Tracking(false)).RunGenerators(compilation);

        Assert.Contains((TrackingNames.Switch, IncrementalStepRunReason.Modified), Reasons(second));
        Assert.Empty(second.GetRunResult().GeneratedTrees);
    }
}
