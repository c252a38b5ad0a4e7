using System.Collections.Generic;

namespace Mockalloc.Analyzers.Internal;

/// <summary>A live resource on one path: who holds it, and whether it may still be null.</summary>
internal sealed class TrackedResource
{
    public TrackedResource(int site, bool maybeNull, HashSet<Holder> holders)
    {
        Site = site;
        MaybeNull = maybeNull;
        Holders = holders;
    }

    /// <summary>Index of the acquisition site; negative for a seed (a parameter or field the body was handed).</summary>
    public int Site { get; }

    public bool MaybeNull { get; set; }

    public HashSet<Holder> Holders { get; }

    public bool IsSeed => Site < 0;

    public TrackedResource Clone() => new(Site, MaybeNull, [.. Holders]);

    public bool SameAs(TrackedResource other) => Site == other.Site && MaybeNull == other.MaybeNull && Holders.SetEquals(other.Holders);
}
