using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Mockalloc.Analyzers.Benchmarks;

/// <summary>
/// What the checker adds to a real <c>dotnet build</c>: the generated project is built from scratch with
/// and without the analyzer (median of three each), and the compiler's own analyzer report
/// (<c>-p:ReportAnalyzer=true</c>) gives the checker's share.
/// </summary>
internal static partial class BuildOverhead
{
    /// <summary>Seconds of a clean build without and with the checker, and the checker's time as csc reports it (null when the report has no line for it).</summary>
    public static (double Without, double With, double? Checker) Measure(string source, string analyzerPath)
    {
        string folder = Path.Combine(Path.GetTempPath(), "mockalloc-build-overhead-" + Environment.ProcessId);
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllText(Path.Combine(folder, "Generated.cs"), source);
            File.WriteAllText(Path.Combine(folder, "Generated.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <AllowUnsafeBlocks>true</AllowUnsafeBlocks>
                    <ImplicitUsings>disable</ImplicitUsings>
                  </PropertyGroup>
                  <ItemGroup Condition="'$(WithChecker)' == 'true'">
                    <Analyzer Include="{analyzerPath}" />
                  </ItemGroup>
                </Project>
                """);
            Run(folder, "restore");
            double without = Median(() => Run(folder, "build --no-restore --no-incremental -p:WithChecker=false").Seconds);
            double with = Median(() => Run(folder, "build --no-restore --no-incremental -p:WithChecker=true").Seconds);
            string report = Run(folder, "build --no-restore --no-incremental -p:WithChecker=true -p:ReportAnalyzer=true -v:d").Output;
            Match share = LeakAnalyzerTime().Match(report);
            return (without, with, share.Success ? double.Parse(share.Groups["s"].Value, CultureInfo.InvariantCulture) : null);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static double Median(Func<double> run)
    {
        double[] samples = [run(), run(), run()];
        Array.Sort(samples);
        return samples[1];
    }

    private static (double Seconds, string Output) Run(string folder, string arguments)
    {
        var start = new ProcessStartInfo("dotnet", arguments) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        var clock = Stopwatch.StartNew();
        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {arguments} failed:\n{output}\n{error.GetAwaiter().GetResult()}");
        }

        return (clock.Elapsed.TotalSeconds, output);
    }

    [GeneratedRegex(@"(?<s>\d+(\.\d+)?)\s+\d+\s+Mockalloc\.Analyzers\.LeakAnalyzer")]
    private static partial Regex LeakAnalyzerTime();
}
