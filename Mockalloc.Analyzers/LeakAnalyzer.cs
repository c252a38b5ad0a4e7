using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Mockalloc.Analyzers.Internal;

namespace Mockalloc.Analyzers;

/// <summary>
/// The static leak checker (a port of rCanary): reports acquisitions of native memory, GC handles and
/// pooled buffers that can become unreachable without release (MA1001), and types that keep such a
/// resource in a field without releasing it (MA1002). The rules are in <c>docs/static-analysis.md</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LeakAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        [LeakDescriptors.OrphanObject, LeakDescriptors.ProxyType];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var session = new LeakCheckSession(start.Compilation, start.CancellationToken);
            start.RegisterOperationBlockAction(block =>
            {
                foreach (AnalysedBody body in session.WalkMember(block.OwningSymbol, block.OperationBlocks, block.GetControlFlowGraph, block.CancellationToken))
                {
                    foreach (Diagnostic diagnostic in LeakCheckSession.OrphanDiagnostics(body))
                    {
                        block.ReportDiagnostic(diagnostic);
                    }
                }
            });
            start.RegisterCompilationEndAction(end =>
            {
                foreach (FieldVerdict verdict in session.ProxyVerdicts())
                {
                    if (verdict.Problem is not null)
                    {
                        end.ReportDiagnostic(Diagnostic.Create(
                            LeakDescriptors.ProxyType,
                            verdict.Location,
                            verdict.ProblemLocation is { } where ? [where] : null,
                            ImmutableDictionary<string, string?>.Empty
                                .Add("api", verdict.Api.Replace("` or `", " or "))
                                .Add("variable", verdict.FieldName)
                                .Add("path", verdict.Problem),
                            verdict.Field.ContainingType.Name,
                            verdict.Api,
                            verdict.FieldName,
                            verdict.Problem));
                    }
                }
            });
        });
    }
}
