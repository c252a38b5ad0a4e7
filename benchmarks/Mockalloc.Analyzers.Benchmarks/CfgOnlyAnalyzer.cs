using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Mockalloc.Analyzers.Benchmarks;

// A measuring baseline, never shipped: it only asks the driver for each body's control flow graph, which
// is the part of the leak checker's cost that Roslyn itself pays. The analyzer-authoring rules below are
// about shipped analyzers (netstandard2.0, release tracking) and do not apply to it.
#pragma warning disable RS1001, RS1036, RS1038, RS1041
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class CfgOnlyAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [LeakDescriptors.OrphanObject];

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterOperationBlockAction(block =>
        {
            foreach (IOperation operation in block.OperationBlocks)
            {
                IOperation root = operation;
                while (root.Parent is not null)
                {
                    root = root.Parent;
                }

                if (root is IMethodBodyBaseOperation)
                {
                    block.GetControlFlowGraph(operation);
                }
            }
        });
    }
}
#pragma warning restore RS1001, RS1036, RS1038, RS1041
