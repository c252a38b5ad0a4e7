using System.Diagnostics;

namespace Mockalloc.Internal;

/// <summary>
/// The exact bookkeeping of a tracing region: every live allocation with where it was made, the last
/// release of each identity, and where each allocation site's blocks were released. Only regions with
/// <see cref="AllocOptions.Tracing"/> have one; the verdict never depends on it.
/// </summary>
/// <remarks>
/// Costs a dictionary entry per live allocation and a lock per event: that is the price of naming sites.
/// A release of an identity the region never acquired is kept aside as well, so that when a nested region
/// completes, those releases are replayed in the enclosing region, where they may be correct.
/// </remarks>
internal sealed class RegionTracer
{
    private readonly Lock _lock = new();
    private readonly Dictionary<ulong, Live> _live = [];
    private readonly Dictionary<ulong, Released> _released = [];
    private readonly Dictionary<int, Dictionary<int, int>> _releaseSitesByAllocationSite = [];
    private readonly List<ReleaseTrace> _errors = [];
    private readonly List<Event> _unmatched = [];
    private long _sequence;

    public RegionTracer(bool stacks) => CapturesStacks = stacks;

    /// <summary>Whether events carry stacks.</summary>
    public bool CapturesStacks { get; }

    /// <summary>Records an acquisition.</summary>
    public void OnAlloc(in Event allocation)
    {
        lock (_lock)
        {
            _live.TryGetValue(allocation.Id, out Live? shadowed);
            _live[allocation.Id] = new Live(allocation, _sequence++, shadowed);
        }
    }

    /// <summary>Records a release, and the bug it is if it is one.</summary>
    public void OnFree(in Event release)
    {
        lock (_lock)
        {
            Release(release);
        }
    }

    /// <summary>Hands what a completed nested region saw to this, its enclosing region.</summary>
    public void Absorb(RegionTracer inner)
    {
        lock (_lock)
        {
            foreach (Live live in inner._live.Values.OrderBy(l => l.Sequence))
            {
                for (Live? entry = live; entry is not null; entry = entry.Shadowed)
                {
                    _live.TryGetValue(entry.Event.Id, out Live? shadowed);
                    _live[entry.Event.Id] = new Live(entry.Event, _sequence++, shadowed);
                }
            }
            foreach ((int allocationSite, Dictionary<int, int> sites) in inner._releaseSitesByAllocationSite)
            {
                foreach ((int site, int count) in sites)
                {
                    CountRelease(allocationSite, site, count);
                }
            }
            foreach (ReleaseTrace error in inner._errors)
            {
                if (error.Kind is not (AllocError.DoubleFree or AllocError.BadPtr))
                {
                    _errors.Add(error);
                }
            }
            foreach (Event release in inner._unmatched)
            {
                Release(release);
            }
        }
    }

    /// <summary>The trace as it stands.</summary>
    public AllocTrace Build()
    {
        lock (_lock)
        {
            var leaks = new List<(long Sequence, LeakTrace Leak)>();
            foreach (Live live in _live.Values)
            {
                for (Live? entry = live; entry is not null; entry = entry.Shadowed)
                {
                    Event a = entry.Event;
                    leaks.Add((entry.Sequence, new LeakTrace(a.Id, a.Size, FamilyNames.Of(a.Family), new CallSite(a.Site), a.Stack, ExpectedReleaseSites(a.Site))));
                }
            }
            return new AllocTrace(leaks.OrderBy(l => l.Sequence).Select(l => l.Leak).ToArray(), _errors.ToArray());
        }
    }

    private void Release(in Event release)
    {
        if (_live.Remove(release.Id, out Live? live))
        {
            if (live.Shadowed is not null)
            {
                _live[release.Id] = live.Shadowed;
            }
            Event allocation = live.Event;
            CountRelease(allocation.Site, release.Site, 1);
            _released[release.Id] = new Released(allocation, release);
            AllocError? mismatch = Mismatch(allocation, release);
            if (mismatch is { } kind)
            {
                _errors.Add(new ReleaseTrace(kind, release.Id, End(allocation), End(release), null));
            }
            return;
        }

        _unmatched.Add(release);
        if (_released.TryGetValue(release.Id, out Released? earlier))
        {
            _errors.Add(new ReleaseTrace(AllocError.DoubleFree, release.Id, End(earlier.Allocation), End(release), End(earlier.Release)));
        }
        else
        {
            ulong id = release.Id;
            Live? container = _live.Values.FirstOrDefault(l => id > l.Event.Id && id < l.Event.Id + (ulong)l.Event.Size);
            _errors.Add(new ReleaseTrace(AllocError.BadPtr, release.Id, container is null ? null : End(container.Event), End(release), null));
        }
    }

    private static AllocError? Mismatch(in Event allocation, in Event release)
    {
        if (allocation.Family != release.Family)
        {
            return AllocError.MismatchedFree;
        }
        bool size = allocation.Size != release.Size, alignment = allocation.Alignment != release.Alignment;
        return size && alignment ? AllocError.BadLayout : size ? AllocError.BadSize : alignment ? AllocError.BadAlignment : null;
    }

    private void CountRelease(int allocationSite, int releaseSite, int count)
    {
        if (allocationSite == 0 || releaseSite == 0)
        {
            return;
        }
        if (!_releaseSitesByAllocationSite.TryGetValue(allocationSite, out Dictionary<int, int>? sites))
        {
            _releaseSitesByAllocationSite[allocationSite] = sites = [];
        }
        sites[releaseSite] = sites.GetValueOrDefault(releaseSite) + count;
    }

    private CallSite[] ExpectedReleaseSites(int allocationSite) =>
        _releaseSitesByAllocationSite.TryGetValue(allocationSite, out Dictionary<int, int>? sites)
            ? sites.OrderByDescending(s => s.Value).ThenBy(s => s.Key).Select(s => new CallSite(s.Key)).ToArray()
            : [];

    private static TraceEnd End(in Event e) => new(e.Size, e.Alignment, FamilyNames.Of(e.Family), new CallSite(e.Site), e.Stack);

    /// <summary>One acquisition or release as tracing sees it.</summary>
    internal readonly record struct Event(ulong Id, long Size, long Alignment, ulong Family, int Site, StackTrace? Stack);

    private sealed record Live(Event Event, long Sequence, Live? Shadowed);

    private sealed record Released(Event Allocation, Event Release);
}
