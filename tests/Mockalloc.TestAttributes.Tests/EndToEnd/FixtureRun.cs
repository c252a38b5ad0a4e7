namespace Mockalloc.TestAttributes.Tests.EndToEnd;

/// <summary>
/// Runs a fixture project under tests/Fixtures with a real <c>dotnet test</c> twice per test run (an xUnit
/// class fixture), and holds the TRX results of both runs for the tests to assert on.
/// </summary>
/// <remarks>
/// <para>The full run builds the project and runs every test but the Parallel* classes, with the fixture's own
/// settings. The rerun, without building, runs a few tests with every changed setting at once, to keep the
/// number of <c>dotnet test</c> starts (about 2 s each) down: the <c>MOCKALLOC_*</c> variables of
/// <see cref="RerunEnvironment"/> (the environment layer under the attribute layers), the framework's
/// parallelization switched on (for the Parallel* classes, whose tests wait for each other) and any other
/// run settings the framework's run names (xUnit v3: theories enumerated at run time).</para>
/// <para>Fixture runs are serialized: they build the same referenced projects, and the machine has two cores.
/// Child processes get no MSBuild node reuse and no compiler server, so nothing outlives the run.</para>
/// </remarks>
public abstract class FixtureRun : IAsyncLifetime, IRunResults
{
    /// <summary>
    /// The rerun's environment: NoData allowed and tracing on (neither is set by the assembly), and an
    /// allocation budget the assembly's <c>MaxAllocations = 3</c> must win over.
    /// </summary>
    public static readonly (string Name, string Value)[] RerunEnvironment =
        [("MOCKALLOC_ALLOW_NO_DATA", "1"), ("MOCKALLOC_TRACING", "1"), ("MOCKALLOC_MAX_ALLOCATIONS", "100")];

    /// <summary>Serializes the runs that build the repository's projects in child processes (two cores; shared obj/ folders).</summary>
    internal static readonly SemaphoreSlim OneAtATime = new(1, 1);
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(6);

    private readonly string _project;
    private readonly string _fullFilter;
    private readonly string? _rerunFilter;
    private readonly string[] _rerunSettings;
    private readonly string _results = Path.Combine(Path.GetTempPath(), "mockalloc-fixtures", Guid.NewGuid().ToString("N"));

    /// <param name="project">The fixture project's folder and name under tests/Fixtures.</param>
    /// <param name="testNamespace">The namespace of its test classes.</param>
    /// <param name="rerunSettings">Run settings (<c>dotnet test -- Name=Value</c>) of the rerun: at least those that run test classes in parallel.</param>
    /// <param name="rerunClasses">Classes the rerun runs whole, besides the Parallel* classes and the tests of the environment layer.</param>
    protected FixtureRun(string project, string testNamespace, string[] rerunSettings, string[]? rerunClasses = null)
        : this(project, testNamespace)
    {
        _rerunFilter = string.Join('|', [
            $"FullyQualifiedName~{testNamespace}.Parallel",
            .. ((string[])["Basics.AllocatesNothing", "Basics.Leaks", "AssemblyBudget.AllocatesFour"]).Select(test => $"FullyQualifiedName={testNamespace}.{test}"),
            .. (rerunClasses ?? []).Select(name => $"FullyQualifiedName~{testNamespace}.{name}."),
        ]);
        _rerunSettings = rerunSettings;
    }

    /// <summary>A fixture that is run once, in full, with no rerun.</summary>
    /// <param name="project">The fixture project's folder and name under tests/Fixtures.</param>
    /// <param name="testNamespace">The namespace of its test classes.</param>
    protected FixtureRun(string project, string testNamespace)
    {
        _project = project;
        _fullFilter = $"FullyQualifiedName!~{testNamespace}.Parallel";
        _rerunSettings = [];
    }

    /// <summary>Every result of the full run.</summary>
    public IReadOnlyList<TrxResult> Results { get; private set; } = [];

    /// <summary>Every result of the rerun (see the remarks).</summary>
    public IReadOnlyList<TrxResult> RerunResults { get; private set; } = [];

    /// <summary>What the full run printed, for failure messages.</summary>
    public string Output { get; private set; } = "";

    /// <summary>What the rerun printed, for failure messages.</summary>
    public string RerunOutput { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await OneAtATime.WaitAsync();
        try
        {
            (Results, Output) = await RunAsync("full", build: true, filter: _fullFilter, environment: [], settings: []);
            if (_rerunFilter is not null)
            {
                (RerunResults, RerunOutput) = await RunAsync("rerun", build: false, filter: _rerunFilter, environment: RerunEnvironment, settings: _rerunSettings);
            }
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_results, recursive: true);
        }
        catch (IOException)
        {
        }
        return Task.CompletedTask;
    }

    /// <summary>The one result of the full run with this key ("Class/display name").</summary>
    public TrxResult Result(string key) => Find(Results, key, "full run", Output);

    /// <summary>The one result of the rerun with this key ("Class/display name").</summary>
    public TrxResult RerunResult(string key) => Find(RerunResults, key, "rerun", RerunOutput);

    private static TrxResult Find(IReadOnlyList<TrxResult> results, string key, string run, string output) =>
        results.SingleOrDefault(r => r.Key == key)
        ?? throw new Xunit.Sdk.XunitException($"No result '{key}' in the fixture's {run}. Results: {string.Join(", ", results.Select(r => r.Key))}\n{output}");

    private async Task<(IReadOnlyList<TrxResult> Results, string Output)> RunAsync(string name, bool build, string filter, (string Name, string Value)[] environment, string[] settings)
    {
        string project = Path.Combine(RepositoryRoot, "tests", "Fixtures", _project, _project + ".csproj");
        string trxName = name + ".trx";
        var arguments = new List<string> { "test", project, "-c", Configuration, "--logger", $"trx;LogFileName={trxName}", "--results-directory", _results, "-nodeReuse:false", "-p:UseSharedCompilation=false" };
        if (!build)
        {
            arguments.Add("--no-build");
        }
        arguments.Add("--filter");
        arguments.Add(filter);
        if (settings.Length > 0)
        {
            arguments.Add("--");
            arguments.AddRange(settings);
        }

        (int exitCode, string output) = await DotnetProcess.RunAsync(arguments, RepositoryRoot, environment, s_timeout);

        string trx = Path.Combine(_results, trxName);
        if (!File.Exists(trx))
        {
            throw new InvalidOperationException($"dotnet test {_project} ({name}) wrote no TRX (exit code {exitCode}).\n{output}");
        }
        return (TrxReport.Read(trx), output);
    }

    internal static string Configuration =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    internal static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string FindRepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Mockalloc.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"Mockalloc.sln not found above {AppContext.BaseDirectory}.");
    }
}

public sealed class Xunit2FixtureRun() : FixtureRun("Xunit2Fixture", "XunitFixture", rerunSettings: ["xUnit.ParallelizeTestCollections=true"]);

/// <summary>MSTestFixture on the newest MSTest.</summary>
public sealed class MSTestFixtureRun() : FixtureRun("MSTestFixture", "MSTestFixture", rerunSettings: ["MSTest.Parallelize.Workers=2", "MSTest.Parallelize.Scope=ClassLevel"]);

/// <summary>MSTestFixture on MSTest 4.0.2, the lowest MSTest 4 and the one `dotnet new mstest` references.</summary>
public sealed class MSTestFloorFixtureRun() : FixtureRun(
    "MSTestFloorFixture", "MSTestFixture", rerunSettings: ["MSTest.Parallelize.Workers=2", "MSTest.Parallelize.Scope=ClassLevel"]);

/// <summary>A plain xUnit v2 project with tracking on (interceptors), calling the BCL and a library that tracks too.</summary>
public sealed class InterceptedFixtureRun() : FixtureRun("InterceptedFixture", "InterceptedFixture");

/// <summary>xUnit v3 runs collections in parallel by default; its rerun also enumerates every theory at run time.</summary>
public sealed class Xunit3FixtureRun() : FixtureRun(
    "Xunit3Fixture", "XunitFixture", rerunSettings: ["xUnit.ParallelizeTestCollections=true", "xUnit.PreEnumerateTheories=false"], rerunClasses: ["Theories", "TheoryCases"]);
