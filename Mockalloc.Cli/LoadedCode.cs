using Microsoft.CodeAnalysis;

namespace Mockalloc.Cli;

/// <summary>The compilations of the loaded projects, and the folder paths in reports are relative to.</summary>
internal sealed record LoadedCode(string Input, string Root, IReadOnlyList<(string Project, Compilation Compilation)> Compilations);
