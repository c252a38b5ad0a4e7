namespace Mockalloc.Cli;

/// <summary>
/// The one line the tool prints on standard error when it cannot do its job (exit code 2): "mockalloc:
/// what happened. What to do." Never a stack trace.
/// </summary>
internal static class ErrorLine
{
    public static int Print(TextWriter error, string message)
    {
        error.WriteLine("mockalloc: " + message);
        return CliApp.BadInput;
    }

    /// <summary>Prints <paramref name="what"/> happened because of <paramref name="exception"/>, then <paramref name="todo"/>.</summary>
    public static int Print(TextWriter error, string what, Exception exception, string todo) =>
        Print(error, $"{what} ({exception.GetType().Name}: {OneLine(exception.Message).TrimEnd('.')}). {todo}.");

    /// <summary>The first line of a message, at most 300 characters.</summary>
    public static string OneLine(string message)
    {
        string first = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? message;
        return first.Length > 300 ? first[..297] + "..." : first;
    }
}
