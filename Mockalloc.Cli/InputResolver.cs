namespace Mockalloc.Cli;

/// <summary>Turns the command's path argument into one project or solution file.</summary>
internal static class InputResolver
{
    private static readonly string[] s_solutionExtensions = [".sln", ".slnx"];

    public static string Resolve(string argument)
    {
        if (string.IsNullOrWhiteSpace(argument))
        {
            throw new UsageException("the path is empty. Pass a .csproj, a .sln or .slnx, or a folder that holds one.");
        }

        string full = Path.GetFullPath(argument);
        if (File.Exists(full))
        {
            string extension = Path.GetExtension(full).ToLowerInvariant();
            if (extension == ".csproj" || s_solutionExtensions.Contains(extension))
            {
                return full;
            }

            throw new UsageException($"'{argument}' is not a .csproj, .sln or .slnx file.");
        }

        if (!Directory.Exists(full))
        {
            throw new UsageException($"'{argument}' does not exist.");
        }

        string[] solutions = [.. Directory.EnumerateFiles(full).Where(f => s_solutionExtensions.Contains(Path.GetExtension(f).ToLowerInvariant())).Order(StringComparer.Ordinal)];
        if (solutions.Length == 1)
        {
            return solutions[0];
        }

        if (solutions.Length > 1)
        {
            throw new UsageException($"'{argument}' holds {solutions.Length} solutions ({string.Join(", ", solutions.Select(Path.GetFileName))}): pass one of them.");
        }

        string[] projects = [.. Directory.EnumerateFiles(full, "*.csproj").Order(StringComparer.Ordinal)];
        return projects.Length switch
        {
            1 => projects[0],
            0 => throw new UsageException($"'{argument}' holds no .sln, .slnx or .csproj file."),
            _ => throw new UsageException($"'{argument}' holds {projects.Length} projects ({string.Join(", ", projects.Select(Path.GetFileName))}): pass one of them."),
        };
    }
}
