using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.MSBuild;

namespace Mockalloc.Cli;

/// <summary>Opens a project or solution with MSBuildWorkspace (read only: nothing is built or written) and compiles its C# projects.</summary>
internal static class WorkspaceLoader
{
    public static LoadedCode Load(string input, TextWriter log, bool verbose)
    {
        using var workspace = MSBuildWorkspace.Create();
        var failures = new List<string>();
        workspace.WorkspaceFailed += (_, e) =>
        {
            if (e.Diagnostic.Kind == WorkspaceDiagnosticKind.Failure)
            {
                failures.Add(e.Diagnostic.Message);
            }

            if (verbose)
            {
                log.WriteLine($"mockalloc: workspace {e.Diagnostic.Kind}: {e.Diagnostic.Message}");
            }
        };

        IEnumerable<Project> projects;
        try
        {
            projects = input.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)
                ? [workspace.OpenProjectAsync(input).GetAwaiter().GetResult()]
                : workspace.OpenSolutionAsync(input).GetAwaiter().GetResult().Projects;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or ArgumentException or InvalidDataException)
        {
            throw new UsageException($"could not load '{input}': {ErrorLine.OneLine(e.Message)}");
        }

        if (failures.Count > 0)
        {
            // A project MSBuild could not evaluate yields a partial compilation: a clean report would be a lie.
            throw new UsageException($"could not load '{input}': {ErrorLine.OneLine(failures[0])}");
        }

        var compilations = new List<(string, Compilation)>();
        foreach (Project project in projects.Where(p => p.Language == LanguageNames.CSharp).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            Compilation? compilation = project.GetCompilationAsync().GetAwaiter().GetResult();
            if (compilation is null || !project.Documents.Any())
            {
                string why = failures.Count > 0 ? ErrorLine.OneLine(failures[0]) : "it has no C# source files";
                throw new UsageException($"could not load project '{project.Name}': {why}");
            }

            if (verbose)
            {
                int errors = compilation.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
                log.WriteLine($"mockalloc: loaded {project.Name}: {project.Documents.Count()} documents, {errors} compile errors");
            }

            compilations.Add((project.Name, compilation));
        }

        if (compilations.Count == 0)
        {
            string why = failures.Count > 0 ? ErrorLine.OneLine(failures[0]) : "no C# project found";
            throw new UsageException($"could not load '{input}': {why}");
        }

        return new LoadedCode(input, Path.GetDirectoryName(input)!, compilations);
    }
}
