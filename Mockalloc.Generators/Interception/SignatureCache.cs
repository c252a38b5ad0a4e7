using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Mockalloc.Generators.Model;

namespace Mockalloc.Generators.Interception;

/// <summary>
/// Interceptor signatures by bound member, per compilation: the thousands of call sites of a project share a
/// few dozen members, and a compilation's symbols are only comparable within it. Held weakly, so a compilation
/// that is no longer used takes its entries with it.
/// </summary>
internal static class SignatureCache
{
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<(IMethodSymbol Method, INamedTypeSymbol? Owner), Entry>> s_byCompilation = new();

    /// <summary>The signature for a bound member (and owner interface), or null when it is not redirected.</summary>
    public static InterceptorSignature? For(Compilation compilation, IMethodSymbol method, INamedTypeSymbol? owner) =>
        s_byCompilation
            .GetValue(compilation, static _ => new ConcurrentDictionary<(IMethodSymbol, INamedTypeSymbol?), Entry>(KeyComparer.Instance))
            .GetOrAdd((method, owner), key => new Entry(InterceptionParser.Signature(compilation, key.Method, key.Owner)))
            .Signature;

    /// <summary>A cached result, null included (most candidates named Free, Return or Dispose are not ours).</summary>
    private sealed class Entry(InterceptorSignature? signature)
    {
        public InterceptorSignature? Signature { get; } = signature;
    }

    private sealed class KeyComparer : IEqualityComparer<(IMethodSymbol Method, INamedTypeSymbol? Owner)>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals((IMethodSymbol Method, INamedTypeSymbol? Owner) x, (IMethodSymbol Method, INamedTypeSymbol? Owner) y) =>
            SymbolEqualityComparer.Default.Equals(x.Method, y.Method) && SymbolEqualityComparer.Default.Equals(x.Owner, y.Owner);

        public int GetHashCode((IMethodSymbol Method, INamedTypeSymbol? Owner) key) =>
            (SymbolEqualityComparer.Default.GetHashCode(key.Method) * 31) + SymbolEqualityComparer.Default.GetHashCode(key.Owner);
    }
}
