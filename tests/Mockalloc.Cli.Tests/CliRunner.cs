using System.Diagnostics;

namespace Mockalloc.Cli.Tests;

/// <summary>Runs the built <c>mockalloc</c> tool as a child process, as a user would.</summary>
internal static class CliRunner
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Fixture(string name) => Path.Combine(RepositoryRoot, "tests", "Mockalloc.Cli.Tests", "Fixtures", name);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<(int, string, string)>> s_runs = new(StringComparer.Ordinal);

    /// <summary>Runs the tool; tests that ask for the same command line share one run (loading a project costs seconds).</summary>
    public static (int ExitCode, string Output, string Error) Run(params string[] args) =>
        s_runs.GetOrAdd(string.Join('\0', args), _ => new Lazy<(int, string, string)>(() => RunProcess(args))).Value;

    /// <summary>
    /// Where <c>setpriv</c> is when the tests run as root, whose file permission checks are skipped: the
    /// tool is then started without the capabilities that skip them, so a mode-000 folder is unreadable
    /// to it as to any user. Null when not root or when setpriv is missing.
    /// </summary>
    public static string? Setpriv { get; } =
        Environment.IsPrivilegedProcess && File.Exists("/usr/bin/setpriv") ? "/usr/bin/setpriv" : null;

    /// <summary>Runs the tool as a user without permission to read what the file modes deny (not shared with other runs).</summary>
    public static (int ExitCode, string Output, string Error) RunWithFilePermissions(params string[] args) =>
        Setpriv is { } setpriv ? RunProcess(args, [setpriv, "--bounding-set", "-dac_override,-dac_read_search", "--", "dotnet"]) : RunProcess(args);

    private static (int ExitCode, string Output, string Error) RunProcess(string[] args) => RunProcess(args, ["dotnet"]);

    private static (int ExitCode, string Output, string Error) RunProcess(string[] args, string[] launcher)
    {
        string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        string tool = Path.Combine(RepositoryRoot, "Mockalloc.Cli", "bin", configuration, "net10.0", "mockalloc.dll");
        Assert.True(File.Exists(tool), "the CLI is not built at " + tool);

        var start = new ProcessStartInfo(launcher[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string word in launcher.Skip(1))
        {
            start.ArgumentList.Add(word);
        }

        start.ArgumentList.Add(tool);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("mockalloc did not finish in 120 s: " + string.Join(" ", args));
        }

        return (process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Mockalloc.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Mockalloc.sln not found");
    }
}
