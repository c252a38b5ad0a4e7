using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Mockalloc.Analyzers;

namespace Mockalloc.Cli;

/// <summary>Runs <see cref="LeakAnalyzer"/> over loaded compilations, as a build would (suppressions and severities apply).</summary>
internal static class LeakRunner
{
    public static IReadOnlyList<Finding> Run(LoadedCode code)
    {
        var findings = new List<Finding>();
        foreach ((string project, Compilation compilation) in code.Compilations)
        {
            var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new LeakAnalyzer());
            ImmutableArray<Diagnostic> diagnostics = compilation
                .WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), null, concurrentAnalysis: true, logAnalyzerExecutionTime: false))
                .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
            foreach (Diagnostic d in diagnostics.Where(d => d.Id is LeakDescriptors.OrphanObjectId or LeakDescriptors.ProxyTypeId && !d.IsSuppressed && d.Severity != DiagnosticSeverity.Hidden))
            {
                FileLinePositionSpan span = d.Location.GetLineSpan();
                FileLinePositionSpan? leak = d.AdditionalLocations.Count > 0 ? d.AdditionalLocations[0].GetLineSpan() : null;
                findings.Add(new Finding(
                    d.Id,
                    d.GetMessage(System.Globalization.CultureInfo.InvariantCulture),
                    d.Descriptor.HelpLinkUri,
                    project,
                    span.Path,
                    span.StartLinePosition.Line + 1,
                    span.StartLinePosition.Character + 1,
                    span.EndLinePosition.Line + 1,
                    span.EndLinePosition.Character + 1,
                    d.Properties.GetValueOrDefault("api"),
                    d.Properties.GetValueOrDefault("variable"),
                    d.Properties.GetValueOrDefault("path"),
                    leak?.Path,
                    leak is { } l ? l.StartLinePosition.Line + 1 : 0,
                    leak is { } c ? c.StartLinePosition.Character + 1 : 0,
                    leak is { } e ? (e.EndLinePosition.Line == e.StartLinePosition.Line ? e.EndLinePosition.Character + 1 : 0) : 0));
            }
        }

        return [.. findings.Distinct().OrderBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.Id, StringComparer.Ordinal)];
    }
}
