using System.Collections.Generic;
using System.Linq;

namespace Mockalloc.Analyzers.Internal;

/// <summary>
/// The abstract state on one path: live resources (by key), known values of boolean guards, pending
/// finally continuations. Two states are equal when these agree; the path description is carried along
/// but does not take part in equality, so a state reached twice is explored once.
/// </summary>
internal sealed class FlowState
{
    public Dictionary<int, TrackedResource> Resources { get; } = [];

    public Dictionary<Holder, bool> Guards { get; } = [];

    /// <summary>Known outcomes of comparisons over locals, parameters and constants (<c>count &gt; 0</c>), by canonical text.</summary>
    public Dictionary<string, bool> Facts { get; } = new(System.StringComparer.Ordinal);

    public List<Continuation> Continuations { get; } = [];

    /// <summary>
    /// True once a branch on this path tested a field or property of <c>this</c> (a disposed flag, a null
    /// check, a length), or the <c>disposing</c> flag of a <c>Dispose(bool)</c> no finalizer calls.
    /// </summary>
    public bool FieldGuarded { get; set; }

    /// <summary>The last condition taken on this path, for messages (not part of equality).</summary>
    public string? LastDecision { get; set; }

    /// <summary>How the path leaves the body, for messages (not part of equality).</summary>
    public string? ExitDescription { get; set; }

    /// <summary>Where the path leaves the body (not part of equality).</summary>
    public Microsoft.CodeAnalysis.Location? ExitLocation { get; set; }

    public FlowState Clone()
    {
        var copy = new FlowState { FieldGuarded = FieldGuarded, LastDecision = LastDecision, ExitDescription = ExitDescription, ExitLocation = ExitLocation };
        foreach (KeyValuePair<int, TrackedResource> pair in Resources)
        {
            copy.Resources[pair.Key] = pair.Value.Clone();
        }

        foreach (KeyValuePair<Holder, bool> pair in Guards)
        {
            copy.Guards[pair.Key] = pair.Value;
        }

        foreach (KeyValuePair<string, bool> pair in Facts)
        {
            copy.Facts[pair.Key] = pair.Value;
        }

        copy.Continuations.AddRange(Continuations);
        return copy;
    }

    /// <summary>Keys of resources that <paramref name="holder"/> keeps reachable.</summary>
    public List<int> HeldBy(Holder holder)
    {
        var keys = new List<int>();
        foreach (KeyValuePair<int, TrackedResource> pair in Resources)
        {
            if (pair.Value.Holders.Contains(holder))
            {
                keys.Add(pair.Key);
            }
        }

        return keys;
    }

    public override bool Equals(object? obj)
    {
        if (obj is not FlowState other
            || FieldGuarded != other.FieldGuarded
            || Resources.Count != other.Resources.Count
            || Guards.Count != other.Guards.Count
            || Facts.Count != other.Facts.Count
            || !Continuations.SequenceEqual(other.Continuations))
        {
            return false;
        }

        foreach (KeyValuePair<int, TrackedResource> pair in Resources)
        {
            if (!other.Resources.TryGetValue(pair.Key, out TrackedResource? theirs) || !pair.Value.SameAs(theirs))
            {
                return false;
            }
        }

        foreach (KeyValuePair<Holder, bool> pair in Guards)
        {
            if (!other.Guards.TryGetValue(pair.Key, out bool theirs) || theirs != pair.Value)
            {
                return false;
            }
        }

        foreach (KeyValuePair<string, bool> pair in Facts)
        {
            if (!other.Facts.TryGetValue(pair.Key, out bool theirs) || theirs != pair.Value)
            {
                return false;
            }
        }

        return true;
    }

    public override int GetHashCode()
    {
        int hash = FieldGuarded ? 1 : 0;
        foreach (KeyValuePair<int, TrackedResource> pair in Resources)
        {
            hash += (pair.Key * 7919) ^ pair.Value.Holders.Count ^ (pair.Value.MaybeNull ? 0x10000 : 0);
        }

        foreach (KeyValuePair<Holder, bool> pair in Guards)
        {
            hash += pair.Key.GetHashCode() ^ (pair.Value ? 1 : 2);
        }

        foreach (KeyValuePair<string, bool> pair in Facts)
        {
            hash += System.StringComparer.Ordinal.GetHashCode(pair.Key) ^ (pair.Value ? 1 : 2);
        }

        return (hash * 31) + Continuations.Count;
    }
}
