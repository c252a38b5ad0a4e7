using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Mockalloc.Analyzers.Tests;

/// <summary>
/// Compiles a shipped project of the repository in memory as its build does: the framework, the compile
/// assets of its packages (from <c>obj/project.assets.json</c>, restored on demand), its project
/// references (compiled the same way) and the framework's source generators. A compilation with errors
/// would hide leaks: code that does not bind is skipped by the checker.
/// </summary>
internal static class ShippedProject
{
    private static readonly Dictionary<string, CSharpCompilation> s_compiled = new(StringComparer.Ordinal);

    /// <summary>The managed assemblies of the running shared framework (the test host's other assemblies are left out: xUnit v2 would clash with v3).</summary>
    private static readonly Lazy<Dictionary<string, string>> s_framework = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => p.StartsWith(RuntimeEnvironment.GetRuntimeDirectory(), StringComparison.Ordinal))
            .GroupBy(p => Path.GetFileNameWithoutExtension(p), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase));

    /// <summary>The global usings of <c>ImplicitUsings</c> for Microsoft.NET.Sdk (the repository turns it on).</summary>
    private const string ImplicitUsings =
        "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; " +
        "global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;";

    /// <summary>The shipped project of the folder <paramref name="name"/> at the repository's root.</summary>
    public static CSharpCompilation Compile(string name) => CompileProject(Path.Combine(RepositoryRoot.Path, name, name + ".csproj"));

    private static CSharpCompilation CompileProject(string project)
    {
        lock (s_compiled)
        {
            if (!s_compiled.TryGetValue(project, out CSharpCompilation? compilation))
            {
                s_compiled[project] = compilation = CompileCore(project);
            }

            return compilation;
        }
    }

    private static CSharpCompilation CompileCore(string project)
    {
        string folder = Path.GetDirectoryName(project)!;
        string name = Path.GetFileNameWithoutExtension(project);
        var parse = new CSharpParseOptions(LanguageVersion.Preview);
        List<SyntaxTree> trees = [.. Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !InBuildOutput(folder, f))
            .Order(StringComparer.Ordinal)
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parse, f))];
        trees.Add(CSharpSyntaxTree.ParseText(ImplicitUsings, parse, "ImplicitUsings.g.cs"));

        // Source linked from other folders (<Compile Include="..\X\*.cs" Link="..." />) and <Using> items.
        XElement[] items = [.. XDocument.Load(project).Descendants()];
        foreach (string pattern in items.Where(e => e.Name.LocalName == "Compile").Select(e => e.Attribute("Include")?.Value).OfType<string>())
        {
            string full = Path.GetFullPath(Path.Combine(folder, pattern.Replace('\\', Path.DirectorySeparatorChar)));
            trees.AddRange(Directory.EnumerateFiles(Path.GetDirectoryName(full)!, Path.GetFileName(full))
                .Order(StringComparer.Ordinal)
                .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parse, f)));
        }

        string usings = string.Concat(items
            .Where(e => e.Name.LocalName == "Using")
            .Select(e => $"global using {e.Attribute("Include")!.Value};\n"));
        trees.Add(CSharpSyntaxTree.ParseText(usings, parse, "Usings.g.cs"));

        // What the SDK generates into obj/ from the project file: InternalsVisibleTo attributes.
        string friends = string.Concat(items
            .Where(e => e.Name.LocalName == "InternalsVisibleTo")
            .Select(e => $"[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(\"{e.Attribute("Include")!.Value}\")]\n"));
        trees.Add(CSharpSyntaxTree.ParseText(friends, parse, "AssemblyInfo.g.cs"));

        var references = new List<MetadataReference>(s_framework.Value.Values.Select(p => MetadataReference.CreateFromFile(p)));
        foreach (string dependency in Dependencies(folder, project))
        {
            references.Add(dependency.EndsWith(".csproj", StringComparison.Ordinal)
                ? CompileProject(dependency).ToMetadataReference()
                : MetadataReference.CreateFromFile(dependency));
        }

        OutputKind kind = items.Any(e => e.Name.LocalName == "OutputType" && e.Value == "Exe") ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary;
        var compilation = CSharpCompilation.Create(name, trees, references, new CSharpCompilationOptions(kind, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));
        CSharpGeneratorDriver.Create([.. s_frameworkGenerators.Value, .. ProjectGenerators(folder, items)], parseOptions: parse)
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation generated, out _);
        return (CSharpCompilation)generated;
    }

    /// <summary>
    /// The source generators every build runs from the targeting pack (<c>[GeneratedRegex]</c>,
    /// <c>[LibraryImport]</c>, System.Text.Json): without them their partial members do not bind.
    /// </summary>
    private static readonly Lazy<ISourceGenerator[]> s_frameworkGenerators = new(() =>
    {
        string dotnet = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        string? pack = Directory.EnumerateDirectories(Path.Combine(dotnet, "packs", "Microsoft.NETCore.App.Ref"))
            .OrderByDescending(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out Version? v) ? v : new Version(0, 0))
            .FirstOrDefault();
        Assert.True(pack is not null, "no Microsoft.NETCore.App.Ref pack under " + dotnet + ": the framework's source generators are missing");
        var loader = new GeneratorLoader();
        return [.. Directory.EnumerateFiles(Path.Combine(pack, "analyzers", "dotnet", "cs"), "*.dll")
            .SelectMany(f => new AnalyzerFileReference(f, loader).GetGenerators(LanguageNames.CSharp))];
    });

    /// <summary>
    /// The generators of the project's analyzer references (<c>&lt;ProjectReference OutputItemType="Analyzer" /&gt;</c>),
    /// compiled the same way and loaded from memory, so their output binds as in a build.
    /// </summary>
    private static IEnumerable<ISourceGenerator> ProjectGenerators(string folder, XElement[] items)
    {
        foreach (XElement reference in items.Where(e => e.Name.LocalName == "ProjectReference" && (string?)e.Attribute("OutputItemType") == "Analyzer"))
        {
            string path = Path.GetFullPath(Path.Combine(folder, reference.Attribute("Include")!.Value.Replace('\\', Path.DirectorySeparatorChar)));
            using var image = new MemoryStream();
            Microsoft.CodeAnalysis.Emit.EmitResult result = CompileProject(path).Emit(image);
            Assert.True(result.Success, $"the generator {path} does not compile here:\n{string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))}");
            System.Reflection.Assembly assembly = System.Reflection.Assembly.Load(image.ToArray());
            foreach (Type type in assembly.GetTypes().Where(t => t.GetCustomAttributes(typeof(GeneratorAttribute), inherit: false).Length > 0))
            {
                object instance = Activator.CreateInstance(type)!;
                yield return instance as ISourceGenerator ?? ((IIncrementalGenerator)instance).AsSourceGenerator();
            }
        }
    }

    private sealed class GeneratorLoader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public System.Reflection.Assembly LoadFromPath(string fullPath) => System.Reflection.Assembly.LoadFrom(fullPath);
    }

    private static bool InBuildOutput(string folder, string file)
    {
        string relative = Path.GetRelativePath(folder, file);
        return relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    /// <summary>Package compile assets (not already in the framework) and referenced project files, from the restore's assets file.</summary>
    private static IEnumerable<string> Dependencies(string folder, string project)
    {
        string assetsFile = Path.Combine(folder, "obj", "project.assets.json");
        if (!File.Exists(assetsFile))
        {
            Restore(project);
        }

        using JsonDocument assets = JsonDocument.Parse(File.ReadAllText(assetsFile));
        JsonElement root = assets.RootElement;
        string packages = root.GetProperty("packageFolders").EnumerateObject().First().Name;
        JsonElement libraries = root.GetProperty("libraries");
        JsonElement target = Assert.Single(root.GetProperty("targets").EnumerateObject()).Value;
        foreach (JsonProperty library in target.EnumerateObject())
        {
            string path = libraries.GetProperty(library.Name).GetProperty("path").GetString()!;
            if (library.Value.GetProperty("type").GetString() == "project")
            {
                yield return Path.GetFullPath(Path.Combine(folder, path));
                continue;
            }

            if (!library.Value.TryGetProperty("compile", out JsonElement compile))
            {
                continue;
            }

            foreach (JsonProperty asset in compile.EnumerateObject().Where(a => a.Name.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)))
            {
                string file = Path.Combine(packages, path, asset.Name);
                Assert.True(File.Exists(file), $"{file} is missing: the restore of {project} is stale (run dotnet restore)");
                if (!s_framework.Value.ContainsKey(Path.GetFileNameWithoutExtension(file)))
                {
                    yield return file;
                }
            }
        }
    }

    private static void Restore(string project)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("restore");
        start.ArgumentList.Add(project);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"dotnet restore {project} failed, so its references are unknown:\n{output}\n{error.GetAwaiter().GetResult()}");
    }
}
