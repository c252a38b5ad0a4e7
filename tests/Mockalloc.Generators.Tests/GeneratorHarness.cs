using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Mockalloc.Generators.Interception;

namespace Mockalloc.Generators.Tests;

/// <summary>
/// Real compilations of consumer code against the running runtime and Mockalloc, with the interceptor generator
/// run the way a build runs it (the MSBuild switch as a global option, interceptors allowed in their namespace).
/// </summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(() =>
        [.. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => p.Length > 0)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)),
         MetadataReference.CreateFromFile(typeof(CallSite).Assembly.Location)]);

    /// <summary>The parse options of a consumer: C# preview, with Mockalloc's interceptors namespace allowed.</summary>
    public static CSharpParseOptions ParseOptions { get; } = new CSharpParseOptions(LanguageVersion.Preview)
        .WithFeatures([new("InterceptorsNamespaces", InterceptorEmitter.Namespace)]);

    public static CSharpCompilation Compile(string source, string path = "/src/Case.cs", OutputKind kind = OutputKind.DynamicallyLinkedLibrary) =>
        CompileTrees([CSharpSyntaxTree.ParseText(source, ParseOptions, path)], kind);

    public static CSharpCompilation CompileTrees(IEnumerable<SyntaxTree> trees, OutputKind kind = OutputKind.DynamicallyLinkedLibrary) =>
        CSharpCompilation.Create(
            "Consumer",
            trees,
            s_references.Value,
            new CSharpCompilationOptions(
                kind,
                allowUnsafe: true,
                nullableContextOptions: NullableContextOptions.Enable,
                generalDiagnosticOption: ReportDiagnostic.Error,
                deterministic: true));

    public static GeneratorDriver Driver(bool tracking = true) =>
        CSharpGeneratorDriver.Create(
            [new InterceptionGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            optionsProvider: BuildProperties.Tracking(tracking),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator and returns the compilation with its output, failing on any diagnostic (warnings are errors).</summary>
    public static (Compilation Output, GeneratorDriverRunResult Run) Generate(Compilation input, bool tracking = true)
    {
        GeneratorDriver driver = Driver(tracking).RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        Diagnostic[] problems = [.. generatorDiagnostics, .. output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning || d.IsWarningAsError)];
        if (problems.Length > 0)
        {
            throw new InvalidOperationException(
                "The compilation has diagnostics:\n" + string.Join("\n", problems.Select(p => p.ToString()))
                + "\n--- generated ---\n" + string.Join("\n", output.SyntaxTrees.Skip(input.SyntaxTrees.Count()).Select(t => t.ToString())));
        }

        return (output, driver.GetRunResult());
    }

    /// <summary>The generated interceptors' source, or null when the generator added none.</summary>
    public static string? GeneratedSource(GeneratorDriverRunResult run) =>
        run.Results.Single().GeneratedSources.SingleOrDefault().SourceText?.ToString();

    /// <summary>Emits the compilation and loads it into a collectible context (Mockalloc resolves to the test's own copy).</summary>
    public static Assembly Load(Compilation compilation)
    {
        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult result = compilation.Emit(image);
        if (!result.Success)
        {
            throw new InvalidOperationException("Emit failed:\n" + string.Join("\n", result.Diagnostics));
        }

        image.Position = 0;
        return new AssemblyLoadContext("consumer-" + Guid.NewGuid().ToString("N"), isCollectible: true).LoadFromStream(image);
    }

    /// <summary>Generates, compiles, loads and returns the public static <paramref name="method"/> of <paramref name="type"/> as an action.</summary>
    public static Action Method(string source, string type, string method)
    {
        (Compilation output, _) = Generate(Compile(source));
        MethodInfo info = Load(output).GetType(type, throwOnError: true)!.GetMethod(method)
            ?? throw new InvalidOperationException($"{type}.{method} not found");
        return () => info.Invoke(null, null);
    }
}
