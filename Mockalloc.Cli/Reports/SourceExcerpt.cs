namespace Mockalloc.Cli.Reports;

/// <summary>Reads source lines for excerpts (each file once).</summary>
internal sealed class SourceExcerpt
{
    private readonly Dictionary<string, string[]> _files = new(StringComparer.Ordinal);

    public string? Line(string file, int line)
    {
        if (!_files.TryGetValue(file, out string[]? lines))
        {
            lines = File.Exists(file) ? File.ReadAllLines(file) : [];
            _files[file] = lines;
        }

        return line >= 1 && line <= lines.Length ? lines[line - 1].Replace('\t', ' ') : null;
    }
}
