using System.Diagnostics;

namespace Mockalloc.Cli.Tests;

/// <summary>The analyzer loads in the real compiler: a <c>dotnet build</c> of the leaky fixture reports both rules.</summary>
public sealed class BuildIntegrationTests
{
    [Fact]
    public async Task Dotnet_build_with_the_analyzer_reports_MA1001_and_MA1002()
    {
        string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        string analyzer = Path.Combine(CliRunner.RepositoryRoot, "Mockalloc.Analyzers", "bin", configuration, "netstandard2.0", "Mockalloc.Analyzers.dll");
        Assert.True(File.Exists(analyzer), "the analyzer is not built at " + analyzer);

        // A copy outside the repository, so the build neither shares obj/ with the CLI tests nor imports the repository's props.
        string folder = Path.Combine(Path.GetTempPath(), "mockalloc-build-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            File.Copy(Path.Combine(CliRunner.Fixture("Leaky"), "Buffers.cs"), Path.Combine(folder, "Buffers.cs"));
            string project = File.ReadAllText(Path.Combine(CliRunner.Fixture("Leaky"), "Leaky.csproj"))
                .Replace("</Project>", $"  <ItemGroup>\n    <Analyzer Include=\"{analyzer}\" />\n  </ItemGroup>\n</Project>", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(folder, "Leaky.csproj"), project);

            var start = new ProcessStartInfo("dotnet", "build -nologo -clp:NoSummary") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            using Process process = Process.Start(start)!;
            Task<string> error = process.StandardError.ReadToEndAsync();
            string output = await process.StandardOutput.ReadToEndAsync();
            Assert.True(process.WaitForExit(180_000), "dotnet build did not finish in 180 s");

            Assert.True(process.ExitCode == 0, output + await error);
            Assert.Contains("Buffers.cs(10,29): warning MA1001: `NativeMemory.Alloc` result `copy` is not released when `count == 0` is true and the method returns at line 13", output);
            Assert.Contains("Buffers.cs(43,29): warning MA1002:", output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
