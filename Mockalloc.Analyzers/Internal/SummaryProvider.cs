using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Mockalloc.Analyzers.Internal;

/// <summary>
/// Computes and caches <see cref="MethodSummary"/> per method of one compilation. Recursive calls get
/// <see cref="MethodSummary.Conservative"/> while their own summary is being computed.
/// </summary>
internal sealed class SummaryProvider : ISummarySource
{
    private readonly Compilation _compilation;
    private readonly CancellationToken _cancellation;
    private readonly object _gate = new();
    private readonly Dictionary<IMethodSymbol, MethodSummary?> _cache = new(SymbolEqualityComparer.Default);
    private readonly HashSet<IMethodSymbol> _inProgress = new(SymbolEqualityComparer.Default);

    public SummaryProvider(Compilation compilation, CancellationToken cancellation)
    {
        _compilation = compilation;
        _cancellation = cancellation;
    }

    public MethodSummary? Get(IMethodSymbol method, bool receiverIsThis)
    {
        method = method.OriginalDefinition;
        if (method.IsAbstract || method.IsExtern || method.DeclaringSyntaxReferences.Length == 0
            || method.MethodKind is MethodKind.LocalFunction or MethodKind.AnonymousFunction or MethodKind.DelegateInvoke)
        {
            return null;
        }

        if ((method.IsVirtual || method.IsOverride) && !method.IsSealed && !method.ContainingType.IsSealed && !receiverIsThis)
        {
            return null;
        }

        lock (_gate)
        {
            if (_cache.TryGetValue(method, out MethodSummary? cached))
            {
                return cached;
            }

            if (!_inProgress.Add(method))
            {
                return MethodSummary.Conservative(method);
            }

            try
            {
                MethodSummary? summary = null;
                if (MethodBodies.Find(_compilation, method, _cancellation) is { } body)
                {
                    WalkResult walk = new OwnershipWalker(body.Graph, method, body.Body, WalkMode.Summary, this, _cancellation).Run();
                    summary = MethodSummary.From(method, walk);
                }

                _cache[method] = summary;
                return summary;
            }
            finally
            {
                _inProgress.Remove(method);
            }
        }
    }
}
