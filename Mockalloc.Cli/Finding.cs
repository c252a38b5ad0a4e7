namespace Mockalloc.Cli;

/// <summary>One MA1001/MA1002 report, in plain data for the three formats.</summary>
internal sealed record Finding(
    string Id,
    string Message,
    string HelpUri,
    string Project,
    string File,
    int Line,
    int Column,
    int EndLine,
    int EndColumn,
    string? Api,
    string? Variable,
    string? LeakPath,
    string? LeakFile,
    int LeakLine,
    int LeakColumn,
    int LeakEndColumn);
