using System.Diagnostics;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Mockalloc.Analyzers;
using Mockalloc.Analyzers.Benchmarks;

// Analysis speed of the leak checker on a generated project: time per 1,000 lines, how much of it is
// Roslyn building control flow graphs, and how it compares with compiling the same code.
// Usage: dotnet run -c Release --project benchmarks/Mockalloc.Analyzers.Benchmarks [-- lines] [--build] [--table]
// --build also times a real `dotnet build` of the generated project with and without the checker.
// --table prints the rows in benchmarks/run's table (operation | raw | tracked | ratio | bytes/op), in ms.
int lines = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) is { } count ? int.Parse(count, CultureInfo.InvariantCulture) : 20_000;
bool build = args.Contains("--build");
bool table = args.Contains("--table");
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
long before = GC.GetTotalAllocatedBytes(precise: true);
Analyse(bound, new LeakAnalyzer());
long checkerBytes = GC.GetTotalAllocatedBytes(precise: true) - before;
(double Without, double With, double? Checker)? dotnetBuild = build ? BuildOverhead.Measure(text, typeof(LeakAnalyzer).Assembly.Location) : null;

double perThousand = 1000.0 / actualLines;
if (table)
{
    // "raw" is the baseline, "tracked" the same work with the checker; bytes/op are the checker's managed
    // allocations per 1,000 lines (a build's are not measured).
    Console.WriteLine("| operation | raw ns | tracked ns | ratio | bytes/op |");
    Console.WriteLine("|---|---:|---:|---:|---:|");
    Row($"leak checker per 1,000 lines (ms; raw: Roslyn CFG construction alone; {actualLines:N0} generated lines, 1 thread)", graphs * perThousand, checker * perThousand, (checkerBytes * perThousand).ToString("F0", CultureInfo.InvariantCulture));
    Row("leak checker per 1,000 lines (ms; raw: compile + emit of the same code)", compile * perThousand, checker * perThousand, (checkerBytes * perThousand).ToString("F0", CultureInfo.InvariantCulture));
    if (dotnetBuild is { } b)
    {
        Row($"clean dotnet build of {actualLines:N0} generated lines (ms; raw: without the checker)", b.Without * 1000, b.With * 1000, "n/a");
    }
}
else
{
    Console.WriteLine("| generated lines | compile + emit (ms) | leak checker, 1 thread (ms) | of which CFG construction (ms) | per 1,000 lines (ms) | checker / compile | reports |");
    Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    Console.WriteLine(FormattableString.Invariant(
        $"| {actualLines:N0} | {compile:F0} | {checker:F0} | {graphs:F0} | {checker * perThousand:F1} | {checker / compile:P0} | {reports} |"));
    if (dotnetBuild is { } b)
    {
        Console.WriteLine();
        Console.WriteLine("| generated lines | dotnet build without checker (s) | with checker (s) | added (s) | LeakAnalyzer time reported by csc |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: |");
        string reported = b.Checker is { } seconds ? FormattableString.Invariant($"{seconds:F1} s") : "n/a";
        Console.WriteLine(FormattableString.Invariant($"| {actualLines:N0} | {b.Without:F1} | {b.With:F1} | {b.With - b.Without:+0.0;-0.0} | {reported} |"));
    }
}

if (reports != 0)
{
    Console.Error.WriteLine($"the leak checker reported {reports} leak(s) on generated code that is leak-free by construction: false positives");
}

// The generated code is leak-free by construction: any report is a false positive.
return reports == 0 ? 0 : 1;

static void Row(string operation, double raw, double tracked, string bytes) =>
    Console.WriteLine(FormattableString.Invariant($"| {operation} | {raw:F1} | {tracked:F1} | {tracked / raw:F2}x | {bytes} |"));
