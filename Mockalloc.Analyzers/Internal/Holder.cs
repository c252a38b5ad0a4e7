using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace Mockalloc.Analyzers.Internal;

/// <summary>
/// A place that can keep a resource reachable: a local, a parameter, a field (of <c>this</c> or static)
/// or a flow capture of the control flow graph.
/// </summary>
internal sealed class Holder : IEquatable<Holder>
{
    private Holder(ISymbol? symbol, CaptureId? capture)
    {
        Symbol = symbol;
        Capture = capture;
    }

    public ISymbol? Symbol { get; }

    public CaptureId? Capture { get; }

    /// <summary>The name used in messages.</summary>
    public string Name => Symbol?.Name ?? "(temporary)";

    /// <summary>True for a local or parameter the author named (messages call the resource by this name).</summary>
    public bool IsNamedVariable => Symbol is ILocalSymbol or IParameterSymbol;

    public static Holder Of(ISymbol symbol) => new(symbol, null);

    public static Holder Of(CaptureId capture) => new(null, capture);

    /// <summary>
    /// True when the holder outlives the analysed body: fields, ref/out parameters, and locals of an
    /// enclosing method captured by a lambda or local function.
    /// </summary>
    public bool Survives(IMethodSymbol analysed) => Symbol switch
    {
        IFieldSymbol => true,
        IParameterSymbol p => p.RefKind is RefKind.Ref or RefKind.Out || !SymbolEqualityComparer.Default.Equals(p.ContainingSymbol, analysed),
        ILocalSymbol l => !SymbolEqualityComparer.Default.Equals(l.ContainingSymbol, analysed),
        _ => false,
    };

    public bool Equals(Holder? other) =>
        other is not null
        && SymbolEqualityComparer.Default.Equals(Symbol, other.Symbol)
        && Nullable.Equals(Capture, other.Capture);

    public override bool Equals(object? obj) => Equals(obj as Holder);

    public override int GetHashCode() =>
        Symbol is not null ? SymbolEqualityComparer.Default.GetHashCode(Symbol) : Capture.GetHashCode();

    public override string ToString() => Name;
}
