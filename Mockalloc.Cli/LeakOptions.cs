namespace Mockalloc.Cli;

/// <summary>The options of <c>mockalloc leak</c>.</summary>
internal sealed record LeakOptions(string Path, string Format, bool Types, string? Explain, bool Smt, bool Verbose);
