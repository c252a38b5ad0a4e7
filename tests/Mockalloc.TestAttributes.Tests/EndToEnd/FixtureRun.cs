using System.Diagnostics;
using System.Text;

namespace Mockalloc.TestAttributes.Tests.EndToEnd;

/// <summary>
/// Runs a fixture project under tests/Fixtures with a real <c>dotnet test</c> once per test run (an xUnit
/// class fixture), and holds its TRX results for the tests to assert on.
/// </summary>
/// <remarks>
/// Fixture runs are serialized: they build the same referenced projects, and the machine has two cores.
/// Child processes get no MSBuild node reuse and no compiler server, so nothing outlives the run.
/// </remarks>
public abstract class FixtureRun : IAsyncLifetime
{
    private static readonly SemaphoreSlim s_oneAtATime = new(1, 1);
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(6);

    private readonly string _project;
    private readonly string _results = Path.Combine(Path.GetTempPath(), "mockalloc-fixtures", Guid.NewGuid().ToString("N"));

    protected FixtureRun(string project) => _project = project;

    /// <summary>Every result of the full run.</summary>
    public IReadOnlyList<TrxResult> Results { get; private set; } = [];

    /// <summary>The results of a second run, without building, with <c>MOCKALLOC_ALLOW_NO_DATA=1</c>, filtered to <c>Basics.AllocatesNothing</c>.</summary>
    public IReadOnlyList<TrxResult> EnvironmentResults { get; private set; } = [];

    /// <summary>What the full run printed, for failure messages.</summary>
    public string Output { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await s_oneAtATime.WaitAsync();
        try
        {
            (Results, Output) = await RunAsync("full", build: true, filter: null, environment: []);
            (EnvironmentResults, _) = await RunAsync("environment", build: false, filter: "FullyQualifiedName~Basics.AllocatesNothing", environment: [("MOCKALLOC_ALLOW_NO_DATA", "1")]);
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

    /// <summary>The one result with this key ("Class/display name").</summary>
    public TrxResult Result(string key) =>
        Results.SingleOrDefault(r => r.Key == key)
        ?? throw new Xunit.Sdk.XunitException($"No result '{key}' in the fixture run. Results: {string.Join(", ", Results.Select(r => r.Key))}\n{Output}");

    private async Task<(IReadOnlyList<TrxResult> Results, string Output)> RunAsync(string name, bool build, string? filter, (string Name, string Value)[] environment)
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
        if (filter is not null)
        {
            start.ArgumentList.Add("--filter");
            start.ArgumentList.Add(filter);
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

public sealed class Xunit2FixtureRun() : FixtureRun("Xunit2Fixture");

public sealed class MSTestFixtureRun() : FixtureRun("MSTestFixture");

public sealed class Xunit3FixtureRun() : FixtureRun("Xunit3Fixture");
