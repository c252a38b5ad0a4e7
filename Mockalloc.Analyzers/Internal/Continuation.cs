using System;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace Mockalloc.Analyzers.Internal;

/// <summary>What happens when a finally region ends: the pending part of the branch that entered it.</summary>
internal sealed class Continuation : IEquatable<Continuation>
{
    private Continuation(ContinuationKind kind, int ordinal, ControlFlowRegion? region, int line, bool isImplicit = false)
    {
        Kind = kind;
        Ordinal = ordinal;
        Region = region;
        Line = line;
        Implicit = isImplicit;
    }

    public ContinuationKind Kind { get; }

    /// <summary>Destination block of a <see cref="ContinuationKind.Goto"/>.</summary>
    public int Ordinal { get; }

    /// <summary>The finally region to run next, or the try/finally region an exception propagates out of.</summary>
    public ControlFlowRegion? Region { get; }

    /// <summary>Line of the throw, for <see cref="ContinuationKind.Throw"/>.</summary>
    public int Line { get; }

    /// <summary>For <see cref="ContinuationKind.Throw"/>: a call that may throw, not a <c>throw</c> statement; it only matters if a handler catches it.</summary>
    public bool Implicit { get; }

    public static Continuation Goto(int ordinal) => new(ContinuationKind.Goto, ordinal, null, 0);

    public static Continuation Finally(ControlFlowRegion region) => new(ContinuationKind.Finally, 0, region, 0);

    public static Continuation Throw(ControlFlowRegion tryAndFinally, int line, bool isImplicit) => new(ContinuationKind.Throw, 0, tryAndFinally, line, isImplicit);

    public bool Equals(Continuation? other) =>
        other is not null && Kind == other.Kind && Ordinal == other.Ordinal && ReferenceEquals(Region, other.Region) && Line == other.Line && Implicit == other.Implicit;

    public override bool Equals(object? obj) => Equals(obj as Continuation);

    public override int GetHashCode() => ((int)Kind * 397) ^ Ordinal ^ (Region?.FirstBlockOrdinal ?? 0) * 31 ^ Line;
}

/// <summary>Kinds of <see cref="Continuation"/>.</summary>
internal enum ContinuationKind
{
    Goto,
    Finally,
    Throw,
}
