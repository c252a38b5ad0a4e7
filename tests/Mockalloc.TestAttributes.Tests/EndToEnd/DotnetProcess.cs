using System.Diagnostics;
using System.Text;

namespace Mockalloc.TestAttributes.Tests.EndToEnd;

/// <summary>
/// Runs the <c>dotnet</c> CLI as a child process the way a user's shell would: none of the parent
/// <c>dotnet test</c>'s MSBuild, VSTest or Mockalloc variables, no node reuse, no build server.
/// </summary>
internal static class DotnetProcess
{
    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/>; returns the exit code and everything it printed.</summary>
    /// <exception cref="TimeoutException">It did not finish within <paramref name="timeout"/> (it is killed).</exception>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        IEnumerable<string> arguments, string workingDirectory, IEnumerable<(string Name, string Value)> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
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
        // Each line is quoted: CI counts the "Passed!"/"Failed!" summary lines of the main run, and a child's
        // own summary, shown in a failure message, must not be counted with them.
        process.OutputDataReceived += (_, e) => { lock (output) { output.Append("  | ").AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.Append("  | ").AppendLine(e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} did not finish in {timeout}.\n{output}");
        }

        process.WaitForExit();
        return (process.ExitCode, output.ToString());
    }
}
