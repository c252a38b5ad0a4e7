using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Mockalloc.Analyzers;
using Mockalloc.Analyzers.Benchmarks;

// Analysis speed of the leak checker on a generated project: time per 1,000 lines, how much of it is
// Roslyn building control flow graphs, and how it compares with compiling the same code.
// Usage: dotnet run -c Release --project benchmarks/Mockalloc.Analyzers.Benchmarks [-- lines [--build]]
// With --build it also times a real `dotnet build` of the generated project with and without the checker.
int lines = args.Length > 0 && args[0] != "--build" ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 20_000;
(string text, int actualLines) = GeneratedProject.Create(lines);
MetadataReference[] references = [.. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).Where(p => p.Length > 0).Select(p => MetadataReference.CreateFromFile(p))];

CSharpCompilation Fresh() => CSharpCompilation.Create(
    "Generated",
    [CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Preview), "Generated.cs")],
    references,
    new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));

static double Median(Func<int> run, out int result)
{
    result = run();
    var samples = new List<double>();
    for (int i = 0; i < 5; i++)
    {
        var clock = Stopwatch.StartNew();
        result = run();
        samples.Add(clock.Elapsed.TotalMilliseconds);
    }

    samples.Sort();
    return samples[samples.Count / 2];
}

static int Analyse(Compilation compilation, DiagnosticAnalyzer analyzer) =>
    compilation.WithAnalyzers([analyzer], new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), null, concurrentAnalysis: false, logAnalyzerExecutionTime: false))
        .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult().Length;

double compile = Median(() => Fresh().Emit(Stream.Null).Diagnostics.Length, out _);
Compilation bound = Fresh();
bound.GetDiagnostics();
double graphs = Median(() => Analyse(bound, new CfgOnlyAnalyzer()), out _);
double checker = Median(() => Analyse(bound, new LeakAnalyzer()), out int reports);

Console.WriteLine("| generated lines | compile + emit (ms) | leak checker, 1 thread (ms) | of which CFG construction (ms) | per 1,000 lines (ms) | checker / compile | reports |");
Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
Console.WriteLine(FormattableString.Invariant(
    $"| {actualLines:N0} | {compile:F0} | {checker:F0} | {graphs:F0} | {checker * 1000 / actualLines:F1} | {checker / compile:P0} | {reports} |"));

if (args.Contains("--build"))
{
    Console.WriteLine();
    Console.WriteLine("| generated lines | dotnet build without checker (s) | with checker (s) | added (s) | LeakAnalyzer time reported by csc |");
    Console.WriteLine("| ---: | ---: | ---: | ---: | ---: |");
    Console.WriteLine(BuildOverhead.Measure(text, actualLines, typeof(LeakAnalyzer).Assembly.Location));
}

// The generated code is leak-free by construction: any report is a false positive.
return reports == 0 ? 0 : 1;
