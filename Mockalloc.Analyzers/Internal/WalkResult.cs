using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Mockalloc.Analyzers.Internal;

/// <summary>Everything one run of <see cref="OwnershipWalker"/> learnt about a body.</summary>
internal sealed class WalkResult
{
    /// <summary>True when the path budget ran out: the body is treated as unknown (no report, conservative summary).</summary>
    public bool Aborted { get; set; }

    public List<AcquisitionSite> Sites { get; } = [];

    /// <summary>First leaking path per acquisition site.</summary>
    public Dictionary<int, LeakPath> Leaks { get; } = [];

    /// <summary>What happened to each site's resource, over all paths (for <c>--explain</c>).</summary>
    public Dictionary<int, SortedSet<string>> Outcomes { get; } = [];

    /// <summary>The parameter or field each seed stands for.</summary>
    public Dictionary<int, ISymbol> Seeds { get; } = [];

    public HashSet<int> SeedsReleased { get; } = [];

    public HashSet<int> SeedsStored { get; } = [];

    /// <summary>Instance fields of <c>this</c> a seed was stored into (constructors that keep an argument).</summary>
    public Dictionary<int, HashSet<IFieldSymbol>> SeedFields { get; } = [];

    /// <summary>Seeds still owned when the body returns normally on a path not guarded by a field test.</summary>
    public Dictionary<int, LeakPath> SeedsMissed { get; } = [];

    /// <summary>Field seeds set to null, on a path not guarded by a field test, while they still owned their block.</summary>
    public Dictionary<int, LeakPath> SeedsCleared { get; } = [];

    /// <summary>The API of a fresh resource the body returns, if any.</summary>
    public string? ReturnsFreshApi { get; set; }

    /// <summary>Instance fields that received a resource acquired here (feeds MA1002).</summary>
    public List<KeyValuePair<IFieldSymbol, string>> FieldStores { get; } = [];

    public void AddOutcome(int site, string outcome)
    {
        if (site < 0)
        {
            return;
        }

        if (!Outcomes.TryGetValue(site, out SortedSet<string>? set))
        {
            Outcomes[site] = set = new SortedSet<string>(System.StringComparer.Ordinal);
        }

        set.Add(outcome);
    }
}
