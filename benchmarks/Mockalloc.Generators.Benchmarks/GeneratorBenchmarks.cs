using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Mockalloc.Generators.Interception;

namespace Mockalloc.Generators.Benchmarks;

/// <summary>
/// The interceptor generator on a project of 10,000 call sites: a full run on a fresh compilation (what a
/// command-line build pays, binding each call site included), and the run after one edit of one file with the
/// previous run's driver (what an IDE or an incremental build pays). Each has a raw twin that binds every
/// call site of the same compilation without the generator: Roslyn re-runs a syntax provider's semantic
/// transform for every matched node whenever the compilation changes, so binding is the floor of both.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private readonly CallSiteProject _project = new();
    private GeneratorDriver _warmDriver = null!;
    private CSharpCompilation _warmCompilation = null!;
    private SyntaxTree _edited = null!;

    [GlobalSetup]
    public void Setup()
    {
        _warmCompilation = _project.Compile();
        _warmDriver = Driver().RunGenerators(_warmCompilation);
        string generated = string.Concat(_warmDriver.GetRunResult().GeneratedTrees.Select(t => t.ToString()));
        int interceptors = generated.Split("[global::System.Runtime.CompilerServices.InterceptsLocation(").Length - 1;
        if (interceptors != CallSiteProject.CallSites)
        {
            throw new InvalidOperationException($"expected {CallSiteProject.CallSites} interceptors, got {interceptors}");
        }

        _edited = _project.Edited(CallSiteProject.Files / 2);
    }

    /// <summary>Every call site of a fresh compilation bound by the compiler alone.</summary>
    [Benchmark(Baseline = true)]
    public int BindCallSites() => Bind(_project.Compile());

    /// <summary>Every call site of the edited compilation bound by the compiler alone.</summary>
    [Benchmark]
    public int BindCallSitesAfterEdit() => Bind(Edited());

    /// <summary>A full generator run on a fresh compilation of 10,000 call sites.</summary>
    [Benchmark]
    public GeneratorDriver FullRun() => Driver().RunGenerators(_project.Compile());

    /// <summary>One file edited, run with the driver of the previous run.</summary>
    [Benchmark]
    public GeneratorDriver IncrementalEdit() => _warmDriver.RunGenerators(Edited());

    private CSharpCompilation Edited() =>
        _warmCompilation.ReplaceSyntaxTree(_warmCompilation.SyntaxTrees.Single(t => t.FilePath == _edited.FilePath), _edited);

    private static int Bind(CSharpCompilation compilation)
    {
        int bound = 0;
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            SemanticModel model = compilation.GetSemanticModel(tree);
            foreach (var invocation in tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax>())
            {
                bound += model.GetSymbolInfo(invocation).Symbol is null ? 0 : 1;
            }
        }

        return bound;
    }

    private static GeneratorDriver Driver() =>
        CSharpGeneratorDriver.Create(
            [new InterceptionGenerator().AsSourceGenerator()],
            parseOptions: CallSiteProject.ParseOptions,
            optionsProvider: new TrackingOn());

    private sealed class TrackingOn : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(true);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(false);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options(false);

        private sealed class Options(bool global) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
            {
                value = global && key == InterceptionGenerator.SwitchProperty ? "true" : null;
                return value is not null;
            }
        }
    }
}
