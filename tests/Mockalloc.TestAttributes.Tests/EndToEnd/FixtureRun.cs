using System.Diagnostics;
using System.Text;

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
public abstract class FixtureRun : IAsyncLifetime
{
    /// <summary>
    /// The rerun's environment: NoData allowed and tracing on (neither is set by the assembly), and an
    /// allocation budget the assembly's <c>MaxAllocations = 3</c> must win over.
    /// </summary>
    public static readonly (string Name, string Value)[] RerunEnvironment =
        [("MOCKALLOC_ALLOW_NO_DATA", "1"), ("MOCKALLOC_TRACING", "1"), ("MOCKALLOC_MAX_ALLOCATIONS", "100")];

    private static readonly SemaphoreSlim s_oneAtATime = new(1, 1);
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
        await s_oneAtATime.WaitAsync();
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
            s_oneAtATime.Release();
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
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot,
        };
        foreach (string argument in (string[])["test", project, "-c", Configuration, "--logger", $"trx;LogFileName={trxName}", "--results-directory", _results, "-nodeReuse:false", "-p:UseSharedCompilation=false"])
        {
            start.ArgumentList.Add(argument);
        }
        if (!build)
        {
            start.ArgumentList.Add("--no-build");
        }
        start.ArgumentList.Add("--filter");
        start.ArgumentList.Add(filter);
        if (settings.Length > 0)
        {
            start.ArgumentList.Add("--");
            foreach (string setting in settings)
            {
                start.ArgumentList.Add(setting);
            }
        }
        // The parent dotnet test sets MSBuild and VSTest variables meant for itself; a child build must not inherit them.
        foreach (string key in start.Environment.Keys.ToList())
        {
            if (key.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("TESTINGPLATFORM", StringComparison.OrdinalIgnoreCase) || key.StartsWith("MOCKALLOC_", StringComparison.OrdinalIgnoreCase))
            {
                start.Environment.Remove(key);
            }
        }
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach ((string key, string value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        // Each line is quoted: CI counts the "Passed!"/"Failed!" summary lines of the main run, and a fixture's
        // own summary, shown in a failure message, must not be counted with them.
        process.OutputDataReceived += (_, e) => { lock (output) { output.Append("  | ").AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.Append("  | ").AppendLine(e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(s_timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet test {_project} ({name}) did not finish in {s_timeout}.\n{output}");
        }
        process.WaitForExit();

        string trx = Path.Combine(_results, trxName);
        if (!File.Exists(trx))
        {
            throw new InvalidOperationException($"dotnet test {_project} ({name}) wrote no TRX (exit code {process.ExitCode}).\n{output}");
        }
        return (TrxReport.Read(trx), output.ToString());
    }

    private static string Configuration =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    private static string RepositoryRoot { get; } = FindRepositoryRoot();

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

public sealed class MSTestFixtureRun() : FixtureRun("MSTestFixture", "MSTestFixture", rerunSettings: ["MSTest.Parallelize.Workers=2", "MSTest.Parallelize.Scope=ClassLevel"]);

/// <summary>A plain xUnit v2 project with tracking on (interceptors), calling the BCL and a library that tracks too.</summary>
public sealed class InterceptedFixtureRun() : FixtureRun("InterceptedFixture", "InterceptedFixture");

/// <summary>xUnit v3 runs collections in parallel by default; its rerun also enumerates every theory at run time.</summary>
public sealed class Xunit3FixtureRun() : FixtureRun(
    "Xunit3Fixture", "XunitFixture", rerunSettings: ["xUnit.ParallelizeTestCollections=true", "xUnit.PreEnumerateTheories=false"], rerunClasses: ["Theories", "TheoryCases"]);
