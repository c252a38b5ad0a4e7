using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Mockalloc.Analyzers.Internal;

/// <summary>
/// The checker's state for one compilation: callee summaries, and which instance fields received a
/// resource (filled while bodies are walked, read at the end for MA1002).
/// </summary>
internal sealed class LeakCheckSession
{
    private readonly ConcurrentDictionary<IFieldSymbol, string> _fieldStores = new(SymbolEqualityComparer.Default);

    public LeakCheckSession(Compilation compilation, CancellationToken cancellation)
    {
        Compilation = compilation;
        Summaries = new SummaryProvider(compilation, cancellation);
    }

    public Compilation Compilation { get; }

    public SummaryProvider Summaries { get; }

    /// <summary>Walks the bodies of one operation block set (a member), including its lambdas and local functions.</summary>
    public List<AnalysedBody> WalkMember(ISymbol owner, ImmutableArray<IOperation> blocks, Func<IOperation, ControlFlowGraph> graphOf, CancellationToken cancellation)
    {
        var bodies = new List<AnalysedBody>();
        var walkedRoots = new HashSet<IOperation>();
        foreach (IOperation block in blocks)
        {
            if (block is IFieldInitializerOperation fieldInitializer)
            {
                RecordInitializer(fieldInitializer.Value, fieldInitializer.InitializedFields);
                continue;
            }

            if (block is IPropertyInitializerOperation propertyInitializer)
            {
                RecordInitializer(propertyInitializer.Value, [.. propertyInitializer.InitializedProperties.Select(BackingFields.Of).OfType<IFieldSymbol>()]);
                continue;
            }

            // The driver hands out the body block; its root (the method or constructor body) owns the graph.
            IOperation root = block;
            while (root.Parent is not null)
            {
                root = root.Parent;
            }

            if (root is IMethodBodyBaseOperation && owner is IMethodSymbol method && walkedRoots.Add(root))
            {
                Walk(graphOf(block), method, root.Syntax, bodies, cancellation);
            }
        }

        return bodies;
    }

    /// <summary>Fields that received a resource, with the API that produced it.</summary>
    public IReadOnlyDictionary<IFieldSymbol, string> FieldStores => _fieldStores;

    private void Walk(ControlFlowGraph graph, IMethodSymbol method, SyntaxNode syntax, List<AnalysedBody> bodies, CancellationToken cancellation)
    {
        WalkResult result = new OwnershipWalker(graph, method, syntax, WalkMode.Report, Summaries, cancellation).Run();
        foreach (KeyValuePair<IFieldSymbol, string> store in result.FieldStores)
        {
            AddFieldStore(store.Key.OriginalDefinition, store.Value);
        }

        bodies.Add(new AnalysedBody(method, result));

        foreach (IMethodSymbol local in graph.LocalFunctions)
        {
            ControlFlowGraph nested = graph.GetLocalFunctionControlFlowGraph(local, cancellation);
            Walk(nested, local, nested.OriginalOperation.Syntax, bodies, cancellation);
        }

        foreach (BasicBlock block in graph.Blocks)
        {
            foreach (IOperation operation in block.Operations.Concat(block.BranchValue is null ? [] : [block.BranchValue]))
            {
                foreach (IFlowAnonymousFunctionOperation lambda in operation.DescendantsAndSelf().OfType<IFlowAnonymousFunctionOperation>())
                {
                    ControlFlowGraph nested = graph.GetAnonymousFunctionControlFlowGraph(lambda, cancellation);
                    Walk(nested, lambda.Symbol, lambda.Syntax, bodies, cancellation);
                }
            }
        }
    }

    private void RecordInitializer(IOperation value, ImmutableArray<IFieldSymbol> fields)
    {
        while (value is IConversionOperation { OperatorMethod: null } conversion)
        {
            value = conversion.Operand;
        }

        ResourceApi? api = value switch
        {
            IInvocationOperation invocation => ResourceApiTable.Find(invocation.TargetMethod),
            IObjectCreationOperation { Constructor: { } constructor } => ResourceApiTable.Find(constructor),
            _ => null,
        };
        if (api is not { Role: ApiRole.Acquire or ApiRole.Reallocate })
        {
            return;
        }

        foreach (IFieldSymbol field in fields)
        {
            if (!field.IsStatic)
            {
                AddFieldStore(field.OriginalDefinition, api.Display);
            }
        }
    }

    /// <summary>
    /// Records that <paramref name="field"/> received a resource. A field declared in a referenced
    /// assembly (<c>SafeHandle.handle</c> set in a derived constructor) is left to its own type's
    /// protocol (<c>ReleaseHandle</c>, which the compiler makes the derived type implement): there is no
    /// source to check it against, nor a line to report.
    /// </summary>
    private void AddFieldStore(IFieldSymbol field, string api)
    {
        if ((field.AssociatedSymbol ?? field).Locations.Any(l => l.IsInSource))
        {
            _fieldStores.AddOrUpdate(field, api, (_, known) => JoinApis(known, api));
        }
    }

    private static string JoinApis(string known, string api) =>
        string.Join("` or `", known.Split(s_apiSeparator, StringSplitOptions.None).Append(api).Distinct().OrderBy(a => a, StringComparer.Ordinal));

    private static readonly string[] s_apiSeparator = ["` or `"];

    /// <summary>MA1001 diagnostics of a walked body.</summary>
    public static IEnumerable<Diagnostic> OrphanDiagnostics(AnalysedBody body)
    {
        foreach (KeyValuePair<int, LeakPath> leak in body.Result.Leaks.OrderBy(l => l.Key))
        {
            AcquisitionSite site = body.Result.Sites[leak.Key];
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add("api", site.Api)
                .Add("variable", site.VariableName)
                .Add("path", leak.Value.Description);
            yield return Diagnostic.Create(
                LeakDescriptors.OrphanObject,
                site.Location,
                leak.Value.Location is { } where ? [where] : null,
                properties,
                site.Api,
                site.VariableName is null ? "" : " `" + site.VariableName + "`",
                leak.Value.Description);
        }
    }

    /// <summary>The ownership verdict for every field that received a resource (MA1002 and <c>--types</c>).</summary>
    public List<FieldVerdict> ProxyVerdicts()
    {
        var verdicts = new List<FieldVerdict>();
        foreach (KeyValuePair<IFieldSymbol, string> store in _fieldStores.OrderBy(s => s.Key.ToDisplayString(), StringComparer.Ordinal))
        {
            verdicts.Add(ProxyTypeChecker.Check(store.Key, store.Value, Summaries));
        }

        return verdicts;
    }
}
