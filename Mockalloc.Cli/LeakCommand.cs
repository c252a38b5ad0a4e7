using System.Diagnostics;
using Mockalloc.Analyzers.Ownership;
using Mockalloc.Cli.Reports;

namespace Mockalloc.Cli;

/// <summary>The <c>leak</c> action: resolve the input, load it, run the checker, print the chosen report.</summary>
internal static class LeakCommand
{
    public static int Execute(LeakOptions options, TextWriter output, TextWriter error)
    {
        try
        {
            return ExecuteCore(options, output, error);
        }
        catch (UsageException e)
        {
            return ErrorLine.Print(error, e.Message);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return ErrorLine.Print(error, $"could not read '{options.Path}'", e, "Check that the path exists and that you may read it");
        }
    }

    private static int ExecuteCore(LeakOptions options, TextWriter output, TextWriter error)
    {
        if (options.Smt && options.Explain is null)
        {
            throw new UsageException("--smt needs --explain <method>.");
        }

        if (options.Explain is not null && (options.Format == "sarif" || (options.Smt && options.Format != "text")))
        {
            // SARIF holds findings, not a method's facts; --smt is its own format.
            throw new UsageException($"--explain {(options.Smt ? "--smt prints SMT-LIB2" : "prints ownership facts, not findings")}, so --format {options.Format} does not apply. Drop --format{(options.Smt ? "" : ", or use --format json")}.");
        }

        string input = InputResolver.Resolve(options.Path);
        var clock = Stopwatch.StartNew();
        LoadedCode code = WorkspaceLoader.Load(input, error, options.Verbose);
        if (options.Verbose)
        {
            error.WriteLine($"mockalloc: loaded {input} in {clock.ElapsedMilliseconds} ms");
        }

        if (options.Explain is { } methodName)
        {
            return Explain(code, methodName, options, output);
        }

        clock.Restart();
        IReadOnlyList<Finding> findings = LeakRunner.Run(code);
        IReadOnlyList<FieldOwnership>? types = options.Types ? [.. code.Compilations.SelectMany(c => OwnershipFacts.Types(c.Compilation))] : null;
        if (options.Verbose)
        {
            error.WriteLine($"mockalloc: analysed {code.Compilations.Count} project(s) in {clock.ElapsedMilliseconds} ms");
        }

        switch (options.Format)
        {
            case "json":
                JsonReport.Write(findings, types, code, output);
                break;
            case "sarif":
                SarifReport.Write(findings, code, output);
                break;
            default:
                TextReport.Write(findings, code, output);
                if (types is not null)
                {
                    TextReport.WriteTypes(types, code, output);
                }

                break;
        }

        return findings.Count > 0 ? CliApp.LeaksFound : CliApp.Clean;
    }

    private static int Explain(LoadedCode code, string methodName, LeakOptions options, TextWriter output)
    {
        MethodOwnership[] methods = [.. code.Compilations.SelectMany(c => OwnershipFacts.Explain(c.Compilation, methodName))];
        if (methods.Length == 0)
        {
            throw new UsageException($"no method named '{methodName}' with a body in {Path.GetFileName(code.Input)}.");
        }

        if (options.Smt)
        {
            SmtWriter.Write(methods, output);
        }
        else if (options.Format == "json")
        {
            JsonReport.WriteExplain(methods, code, output);
        }
        else
        {
            TextReport.WriteExplain(methods, code, output);
        }

        return methods.Any(m => m.HasLeak) ? CliApp.LeaksFound : CliApp.Clean;
    }
}
