using System.Globalization;

namespace Mockalloc.TestAttributes.Tests.EndToEnd;

/// <summary>
/// A user's first five minutes, from packed packages: <c>Mockalloc</c> and <c>Mockalloc.Xunit</c> packed into a
/// local feed with a version of their own, a project made by <c>dotnet new xunit</c> (the template's versions)
/// that adds the package and calls the BCL directly, a <c>dotnet new classlib</c> library that adds
/// <c>Mockalloc</c> and sets <c>MockallocTrack</c>, and one woven by the packed <c>Mockalloc.Fody</c> (typed GC
/// handles, which only the weaver reaches). Run once per test run; the tests read its TRX results.
/// </summary>
public sealed class PackedXunitProject : IAsyncLifetime, IRunResults
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(8);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "mockalloc-packed", Guid.NewGuid().ToString("N"));
    private readonly string _version = "0.0.0-e2e.t" + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);

    /// <summary>The folder the packages were packed into.</summary>
    public string Feed => Path.Combine(_root, "feed");

    /// <summary>The packages' files and nuspecs, read before the feed is deleted: id → (entries, nuspec text).</summary>
    public IReadOnlyDictionary<string, (IReadOnlyList<string> Entries, string Nuspec)> Packages { get; private set; } =
        new Dictionary<string, (IReadOnlyList<string>, string)>();

    /// <summary>Every result of the user project's <c>dotnet test</c>.</summary>
    public IReadOnlyList<TrxResult> Results { get; private set; } = [];

    /// <summary>What every step printed, for failure messages.</summary>
    public string Output { get; private set; } = "";

    /// <inheritdoc/>
    public TrxResult Result(string key) =>
        Results.SingleOrDefault(r => r.Key == key)
        ?? throw new Xunit.Sdk.XunitException($"No result '{key}'. Results: {string.Join(", ", Results.Select(r => r.Key))}\n{Output}");

    public async Task InitializeAsync()
    {
        await FixtureRun.OneAtATime.WaitAsync();
        try
        {
            string feed = Feed;
            string library = Path.Combine(_root, "NativeText");
            string tests = Path.Combine(_root, "UserTests");
            string woven = Path.Combine(_root, "WovenHandles");
            Directory.CreateDirectory(_root);
            File.WriteAllText(Path.Combine(_root, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="mockalloc-packed" value="{feed}" />
                  </packageSources>
                </configuration>
                """);

            foreach (string project in (string[])["Mockalloc.Core/Mockalloc.Core.csproj", "Mockalloc.Xunit/Mockalloc.Xunit.csproj", "Mockalloc.Fody/Mockalloc.Fody.csproj"])
            {
                await Dotnet(FixtureRun.RepositoryRoot, "pack", Path.Combine(FixtureRun.RepositoryRoot, project), "-c", "Release", "-o", feed, $"-p:Version={_version}", "-nodeReuse:false", "-p:UseSharedCompilation=false");
            }

            Packages = ReadPackages(feed);

            await Dotnet(_root, "new", "classlib", "-n", "NativeText", "-o", library);
            await Dotnet(library, "add", "package", "Mockalloc", "--version", _version);
            File.Delete(Path.Combine(library, "Class1.cs"));
            File.WriteAllText(Path.Combine(library, "NativeText.cs"), LibrarySource);
            SetProperties(Path.Combine(library, "NativeText.csproj"), "<MockallocTrack>true</MockallocTrack>");

            await Dotnet(_root, "new", "classlib", "-n", "WovenHandles", "-o", woven);
            await Dotnet(woven, "add", "package", "Fody", "--version", "6.9.3");
            await Dotnet(woven, "add", "package", "Mockalloc.Fody", "--version", _version);
            await Dotnet(woven, "add", "package", "Mockalloc", "--version", _version);
            File.Delete(Path.Combine(woven, "Class1.cs"));
            File.WriteAllText(Path.Combine(woven, "Handles.cs"), WovenSource);
            File.WriteAllText(Path.Combine(woven, "FodyWeavers.xml"), "<Weavers>\n  <Mockalloc />\n</Weavers>\n");

            await Dotnet(_root, "new", "xunit", "-n", "UserTests", "-o", tests);
            await Dotnet(tests, "add", "package", "Mockalloc.Xunit", "--version", _version);
            await Dotnet(tests, "add", "reference", Path.Combine(library, "NativeText.csproj"), Path.Combine(woven, "WovenHandles.csproj"));
            File.Delete(Path.Combine(tests, "UnitTest1.cs"));
            File.WriteAllText(Path.Combine(tests, "LeakTests.cs"), TestSource);
            SetProperties(Path.Combine(tests, "UserTests.csproj"), "<AllowUnsafeBlocks>true</AllowUnsafeBlocks><TreatWarningsAsErrors>true</TreatWarningsAsErrors>");

            string results = Path.Combine(_root, "results");
            (_, string output) = await DotnetProcess.RunAsync(
                ["test", tests, "--logger", "trx;LogFileName=user.trx", "--results-directory", results, "-nodeReuse:false", "-p:UseSharedCompilation=false"],
                _root, [], s_timeout);
            Output += output;
            string trx = Path.Combine(results, "user.trx");
            if (!File.Exists(trx))
            {
                throw new InvalidOperationException("The user project's dotnet test wrote no TRX.\n" + Output);
            }

            Results = TrxReport.Read(trx);
        }
        finally
        {
            FixtureRun.OneAtATime.Release();
        }
    }

    public Task DisposeAsync()
    {
        // The packages of this run's version are extracted into the global packages folder: remove them.
        string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (string id in (string[])["mockalloc", "mockalloc.xunit", "mockalloc.fody"])
        {
            TryDelete(Path.Combine(packages, id, _version));
        }

        TryDelete(_root);
        return Task.CompletedTask;
    }

    private async Task Dotnet(string workingDirectory, params string[] arguments)
    {
        (int exitCode, string output) = await DotnetProcess.RunAsync(arguments, workingDirectory, [], s_timeout);
        Output += output;
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} exited with {exitCode}.\n{Output}");
        }
    }

    private static Dictionary<string, (IReadOnlyList<string> Entries, string Nuspec)> ReadPackages(string feed)
    {
        var packages = new Dictionary<string, (IReadOnlyList<string>, string)>(StringComparer.Ordinal);
        foreach (string package in Directory.EnumerateFiles(feed, "*.nupkg"))
        {
            using System.IO.Compression.ZipArchive zip = System.IO.Compression.ZipFile.OpenRead(package);
            System.IO.Compression.ZipArchiveEntry nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
            using var reader = new StreamReader(nuspec.Open());
            packages[Path.GetFileNameWithoutExtension(nuspec.FullName)] = ([.. zip.Entries.Select(e => e.FullName)], reader.ReadToEnd());
        }

        return packages;
    }

    private static void SetProperties(string project, string properties)
    {
        string text = File.ReadAllText(project);
        File.WriteAllText(project, text.Replace("</PropertyGroup>", properties + "</PropertyGroup>", StringComparison.Ordinal));
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private const string LibrarySource = """
        using System.Runtime.InteropServices;

        namespace NativeText;

        public static class Measure
        {
            public static int Utf16(string text)
            {
                nint copy = Marshal.StringToHGlobalUni(text);
                if (text.Length == 0)
                {
                    return 0;
                }

                Marshal.FreeHGlobal(copy);
                return text.Length;
            }
        }
        """;

    private const string WovenSource = """
        using System.Runtime.InteropServices;

        namespace WovenHandles;

        public static class Handles
        {
            public static void Leak(object target)
            {
                var handle = new GCHandle<object>(target);
            }

            public static void Pair(object target)
            {
                using var handle = new GCHandle<object>(target);
            }
        }
        """;

    private const string TestSource = """
        using System.Buffers;
        using System.Runtime.InteropServices;

        namespace UserTests;

        public unsafe class LeakTests
        {
            [MockallocFact(Tracing = true)]
            public void Leaks() => NativeMemory.Alloc(10);

            [MockallocFact(Tracing = true)]
            public void DoubleFree()
            {
                nint p = Marshal.AllocHGlobal(8);
                Marshal.FreeHGlobal(p);
                Marshal.FreeHGlobal(p);
            }

            [MockallocFact(Tracing = true)]
            public void Mismatched() => NativeMemory.Free(NativeMemory.AlignedAlloc(16, 16));

            [MockallocFact]
            public void Correct()
            {
                var handle = GCHandle.Alloc(new object());
                handle.Free();
                ArrayPool<byte>.Shared.Return(ArrayPool<byte>.Shared.Rent(10));
            }

            [MockallocFact(Tracing = true)]
            public void LibraryLeaks() => Assert.Equal(0, NativeText.Measure.Utf16(""));

            [MockallocFact]
            public void LibraryCorrect() => Assert.Equal(3, NativeText.Measure.Utf16("abc"));

            [MockallocFact(Tracing = true)]
            public void WovenLeaks() => WovenHandles.Handles.Leak(new object());

            [MockallocFact]
            public void WovenPair() => WovenHandles.Handles.Pair(new object());
        }
        """;
}
