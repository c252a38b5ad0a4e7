using System.Diagnostics;

namespace Mockalloc.Core.Tests.Tracked;

/// <summary>
/// Bad releases that would kill the process if they reached the native allocator or the runtime: each runs
/// in a child process, which must survive and report the right verdict. The raw BCL twins show that the
/// same mistakes do kill a process, so these tests can fail.
/// </summary>
public sealed class CrashContainmentTests
{
    [Theory]
    [InlineData("native-double-free", AllocError.DoubleFree)]
    [InlineData("native-double-free-large", AllocError.DoubleFree)]
    [InlineData("aligned-double-free", AllocError.DoubleFree)]
    [InlineData("native-interior-pointer", AllocError.BadPtr)]
    [InlineData("aligned-freed-by-free", AllocError.MismatchedFree)]
    [InlineData("hglobal-double-free", AllocError.DoubleFree)]
    [InlineData("cotaskmem-double-free", AllocError.DoubleFree)]
    [InlineData("bstr-double-free", AllocError.DoubleFree)]
    [InlineData("gchandle-double-free", AllocError.DoubleFree)]
    [InlineData("native-realloc-after-free", AllocError.DoubleFree)]
    [InlineData("hglobal-zerofree-twice", AllocError.DoubleFree)]
    [InlineData("hglobal-interior-pointer", AllocError.BadPtr)]
    [InlineData("cotaskmem-interior-pointer", AllocError.BadPtr)]
    [InlineData("native-foreign-pointer", AllocError.BadPtr)]
    public void The_process_survives_and_reports_the_bug(string scenario, AllocError expected)
    {
        (int exitCode, string output) = Run(scenario);
        Assert.True(exitCode == 0, $"the child process died (exit {exitCode}):\n{output}");
        Assert.Contains($"verdict: {expected}", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("raw-native-double-free")]
    [InlineData("raw-native-interior-pointer")]
    [InlineData("raw-hglobal-double-free")]
    [InlineData("raw-native-realloc-after-free")]
    [InlineData("raw-native-foreign-pointer")]
    public void The_same_mistake_through_the_BCL_kills_the_process(string scenario)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;   // glibc aborts on these; other allocators may corrupt silently instead
        }
        (int exitCode, _) = Run(scenario);
        Assert.NotEqual(0, exitCode);
    }

    [Fact]
    public void The_first_region_of_a_process_is_not_charged_for_the_trackers_own_tables()
    {
        // In a fresh process the tracked sources' tables and the tracer are created on the first region's
        // way in; a budget of zero managed bytes must still hold for code that allocates nothing managed.
        (int exitCode, string output) = Run("fresh-process-traced-loop", ("MOCKALLOC_TRACING", "1"));
        Assert.Equal(0, exitCode);
        Assert.Contains("verdict: Leak", output, StringComparison.Ordinal);
        Assert.Contains("managed: 0", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_first_pool_return_of_a_process_is_not_charged_to_its_region()
    {
        (int exitCode, string output) = Run("fresh-process-pool-pair");
        Assert.Equal(0, exitCode);
        Assert.Contains("verdict: OK", output, StringComparison.Ordinal);
        Assert.Contains("managed: 0", output, StringComparison.Ordinal);
    }

    private static (int ExitCode, string Output) Run(string scenario, params (string Name, string Value)[] environment)
    {
        // tests/Mockalloc.Core.Tests/bin/<Configuration>/<TargetFramework>/ → the sibling project's same output folder.
        string baseDirectory = AppContext.BaseDirectory;
        string tfm = new DirectoryInfo(baseDirectory).Name;
        string configuration = new DirectoryInfo(baseDirectory).Parent!.Name;
        string child = Path.GetFullPath(Path.Combine(baseDirectory, "..", "..", "..", "..", "Mockalloc.CrashScenarios", "bin", configuration, tfm, "Mockalloc.CrashScenarios.dll"));
        Assert.True(File.Exists(child), $"missing {child}: build tests/Mockalloc.CrashScenarios");

        string host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        var start = new ProcessStartInfo(host, [child, scenario])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_DbgEnableMiniDump"] = "0";
        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }
        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "the child process hung");
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
