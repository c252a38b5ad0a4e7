using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Mockalloc.Analyzers.Internal;

namespace Mockalloc.Analyzers.Ownership;

/// <summary>
/// The checker's intermediate results for tools (<c>mockalloc leak --types</c> and <c>--explain</c>):
/// the same analysis as <see cref="LeakAnalyzer"/>, exposed as plain data.
/// </summary>
public static class OwnershipFacts
{
    /// <summary>Ownership facts of every method of <paramref name="compilation"/> whose name, or <c>Type.Name</c>, is <paramref name="methodName"/>.</summary>
    public static IReadOnlyList<MethodOwnership> Explain(Compilation compilation, string methodName, CancellationToken cancellation = default)
    {
        if (compilation is null)
        {
            throw new ArgumentNullException(nameof(compilation));
        }

        var session = new LeakCheckSession(compilation, cancellation);
        var found = new List<MethodOwnership>();
        foreach (IMethodSymbol method in SourceMethods(compilation, cancellation))
        {
            string qualified = method.ContainingType.Name + "." + method.Name;
            if (method.Name != methodName && qualified != methodName && method.ToDisplayString() != methodName)
            {
                continue;
            }

            if (MethodBodies.Find(compilation, method, cancellation) is not { } body)
            {
                continue;
            }

            WalkResult walk = new OwnershipWalker(body.Graph, method, body.Body, WalkMode.Report, session.Summaries, cancellation).Run();
            MethodSummary summary = session.Summaries.Get(method, receiverIsThis: true) ?? MethodSummary.Conservative(method);
            found.Add(ToFacts(method, body.Body, walk, summary));
        }

        return found;
    }

    /// <summary>Every field of the compilation that receives a resource, with its type's verdict (MA1002).</summary>
    public static IReadOnlyList<FieldOwnership> Types(Compilation compilation, CancellationToken cancellation = default)
    {
        if (compilation is null)
        {
            throw new ArgumentNullException(nameof(compilation));
        }

        var session = new LeakCheckSession(compilation, cancellation);
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            SemanticModel model = compilation.GetSemanticModel(tree);
            foreach (SyntaxNode node in tree.GetRoot(cancellation).DescendantNodes())
            {
                IOperation? operation = node switch
                {
                    BaseMethodDeclarationSyntax or AccessorDeclarationSyntax => model.GetOperation(node, cancellation),
                    PropertyDeclarationSyntax { Initializer: { } init } => model.GetOperation(init, cancellation),
                    VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax, Initializer: { } init } => model.GetOperation(init, cancellation),
                    _ => null,
                };
                if (operation is null)
                {
                    continue;
                }

                ISymbol? owner = node is VariableDeclaratorSyntax or PropertyDeclarationSyntax ? null : model.GetDeclaredSymbol(node, cancellation);
                session.WalkMember(owner ?? compilation.Assembly, [operation], GraphOf, cancellation);
            }
        }

        return [.. session.ProxyVerdicts().Select(v =>
        {
            FileLinePositionSpan span = v.Location.GetLineSpan();
            return new FieldOwnership(v.Field.ContainingType.ToDisplayString(), v.FieldName, v.Api.Replace("` or `", " or "), v.Releasers, v.Problem, span.Path, span.StartLinePosition.Line + 1);
        })];
    }

    private static ControlFlowGraph GraphOf(IOperation root) => root switch
    {
        IMethodBodyOperation body => ControlFlowGraph.Create(body),
        IConstructorBodyOperation body => ControlFlowGraph.Create(body),
        _ => throw new ArgumentException("not a body: " + root.Kind, nameof(root)),
    };

    private static IEnumerable<IMethodSymbol> SourceMethods(Compilation compilation, CancellationToken cancellation)
    {
        var stack = new Stack<INamespaceOrTypeSymbol>();
        stack.Push(compilation.Assembly.GlobalNamespace);
        while (stack.Count > 0)
        {
            cancellation.ThrowIfCancellationRequested();
            foreach (ISymbol member in stack.Pop().GetMembers())
            {
                switch (member)
                {
                    case INamespaceOrTypeSymbol container:
                        stack.Push(container);
                        break;
                    case IMethodSymbol method when method.DeclaringSyntaxReferences.Length > 0:
                        yield return method;
                        break;
                }
            }
        }
    }

    private static MethodOwnership ToFacts(IMethodSymbol method, SyntaxNode body, WalkResult walk, MethodSummary summary)
    {
        FileLinePositionSpan declaration = body.GetLocation().GetLineSpan();
        var parameters = method.Parameters
            .Select(p => new ParameterOwnership(p.Name, p.Ordinal < summary.Parameters.Length ? summary.Parameters[p.Ordinal].ToString().ToLowerInvariant() : "borrows"))
            .ToImmutableArray();
        var acquisitions = walk.Sites.Select((site, index) =>
        {
            FileLinePositionSpan span = site.Location.GetLineSpan();
            IReadOnlyList<string> outcomes = walk.Outcomes.TryGetValue(index, out SortedSet<string>? set) ? [.. set] : [];
            return new AcquisitionOwnership(site.Api, site.VariableName, span.Path, span.StartLinePosition.Line + 1, outcomes, walk.Leaks.TryGetValue(index, out LeakPath? leak) ? leak.Description : null);
        }).ToImmutableArray();
        return new MethodOwnership(
            method.ToDisplayString(),
            declaration.Path,
            declaration.StartLinePosition.Line + 1,
            parameters,
            summary.ReturnsFreshApi,
            [.. summary.ReleasedFields.Select(f => f.AssociatedSymbol?.Name ?? f.Name).OrderBy(n => n, StringComparer.Ordinal)],
            acquisitions,
            analysed: !walk.Aborted);
    }
}
