using System.CommandLine;

namespace Mockalloc.Cli;

/// <summary>The command line: <c>mockalloc leak &lt;path&gt; [options]</c>. Exit codes: 0 clean, 1 leaks found, 2 bad input.</summary>
internal static class CliApp
{
    public const int Clean = 0;
    public const int LeaksFound = 1;
    public const int BadInput = 2;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var path = new Argument<string>("path") { Description = "A .csproj, a .sln/.slnx, or a folder: its only solution, else its only project." };
        var format = new Option<string>("--format") { Description = "Report format: text, json or sarif (SARIF 2.1.0).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "sarif");
        var types = new Option<bool>("--types") { Description = "Also print each type's ownership summary (fields that hold resources and what releases them)." };
        var explain = new Option<string?>("--explain") { HelpName = "method", Description = "Print the ownership facts of the named method (Name or Type.Name) instead of the report: text, or JSON with --format json (SARIF holds findings only)." };
        var smt = new Option<bool>("--smt") { Description = "With --explain: print the facts as SMT-LIB2 constraints (z3 answers sat when leak-free, unsat when a path leaks)." };
        var verbose = new Option<bool>("--verbose") { Description = "Print load and timing details to standard error." };

        var leak = new Command("leak", "Find leaks of native memory, GC handles and pooled buffers without building or running the code (MA1001 orphan objects, MA1002 proxy types).");
        leak.Arguments.Add(path);
        leak.Options.Add(format);
        leak.Options.Add(types);
        leak.Options.Add(explain);
        leak.Options.Add(smt);
        leak.Options.Add(verbose);
        leak.SetAction(result => LeakCommand.Execute(
            new LeakOptions(result.GetValue(path)!, result.GetValue(format)!, result.GetValue(types), result.GetValue(explain), result.GetValue(smt), result.GetValue(verbose)),
            output,
            error));

        var root = new RootCommand("mockalloc: finds allocation bugs in .NET code.");
        root.Subcommands.Add(leak);

        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            string message = string.Join(" ", parsed.Errors[0].Message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            return ErrorLine.Print(error, message);
        }

        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }
}
