using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Mockalloc.Analyzers.Internal;

/// <summary>Finds the control flow graph of a method declared in the compilation.</summary>
internal static class MethodBodies
{
    /// <summary>The graph and the body's syntax, or null when the method has no body in source.</summary>
    public static (ControlFlowGraph Graph, SyntaxNode Body)? Find(Compilation compilation, IMethodSymbol method, CancellationToken cancellation)
    {
        IMethodSymbol withBody = method.PartialImplementationPart ?? method;
        foreach (SyntaxReference reference in withBody.DeclaringSyntaxReferences)
        {
            SyntaxNode syntax = reference.GetSyntax(cancellation);
            if (!compilation.ContainsSyntaxTree(syntax.SyntaxTree))
            {
                continue;
            }

            // Summaries need the bodies of callees in other documents; the model is the compilation's own
            // and only read here. The analyzer driver gives no other way to reach a callee's operations.
#pragma warning disable RS1030 // Do not invoke Compilation.GetSemanticModel() method within a diagnostic analyzer
            SemanticModel model = compilation.GetSemanticModel(syntax.SyntaxTree);
#pragma warning restore RS1030
            switch (model.GetOperation(syntax, cancellation))
            {
                case IMethodBodyOperation body:
                    return (ControlFlowGraph.Create(body, cancellation), syntax);
                case IConstructorBodyOperation body:
                    return (ControlFlowGraph.Create(body, cancellation), syntax);
            }
        }

        return null;
    }
}
