using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Mockalloc.Internal;

/// <summary>
/// The exact bookkeeping of a tracing region: every allocation's last state (live, or released and where),
/// and how often each allocation site's blocks were released at each release site. Only regions with
/// <see cref="AllocOptions.Tracing"/> have one; the verdict never depends on it.
/// </summary>
/// <remarks>
/// <para>Threads do not call it per event: each buffers its events in its <see cref="TraceBuffer"/> and hands
/// over a batch when the buffer fills or the thread leaves the region's flow, under one lock per batch.
/// Batches from different threads are processed in the order they arrive, as segments are composed for
/// peaks.</para>
/// <para>Per event the work is one dictionary lookup keyed by identity (struct entries, so nothing is
/// allocated per event), plus a release-site count that is only written to its dictionary when the pair of
/// sites changes. A release of an identity the region never acquired is kept aside, so that when a nested
/// region completes those releases are replayed in the enclosing region, where they may be correct.</para>
/// </remarks>
internal sealed class RegionTracer
{
    private readonly Lock _lock = new();
    private readonly Dictionary<ulong, Entry> _entries = [];
    private readonly List<Entry> _shadowed = [];
    private readonly Dictionary<(int Allocation, int Release), int> _releaseCounts = [];
    private readonly List<ReleaseTrace> _errors = [];
    private readonly List<Event> _unmatched = [];
    private (int Allocation, int Release) _pendingPair;
    private int _pendingCount;
    private long _sequence;

    public RegionTracer(bool stacks) => CapturesStacks = stacks;

    /// <summary>Whether events carry stacks.</summary>
    public bool CapturesStacks { get; }

    /// <summary>Processes a batch of one thread's events, in order.</summary>
    public void Process(ReadOnlySpan<Event> events)
    {
        lock (_lock)
        {
            foreach (ref readonly Event e in events)
            {
                if (e.IsAllocation)
                {
                    Allocate(e);
                }
                else
                {
                    Release(e);
                }
            }
        }
    }

    /// <summary>Hands what a completed nested region saw to this, its enclosing region.</summary>
    public void Absorb(RegionTracer inner)
    {
        lock (_lock)
        {
            inner.FlushPendingPair();
            foreach (Entry entry in inner._shadowed.Concat(inner._entries.Values).Where(e => !e.IsReleased).OrderBy(e => e.Sequence))
            {
                Allocate(entry.Allocation);
            }
            foreach (((int allocation, int release), int count) in inner._releaseCounts)
            {
                CountRelease(allocation, release, count);
            }
            _errors.AddRange(inner._errors.Where(e => e.Kind is not (AllocError.DoubleFree or AllocError.BadPtr)));
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
            FlushPendingPair();
            LeakTrace[] leaks = _shadowed.Concat(_entries.Values)
                .Where(e => !e.IsReleased)
                .OrderBy(e => e.Sequence)
                .Select(e => new LeakTrace(e.Allocation.Id, e.Allocation.Size, FamilyNames.Of(e.Allocation.Family), new CallSite(e.Allocation.Site), e.Allocation.Stack, ExpectedReleaseSites(e.Allocation.Site)))
                .ToArray();
            return new AllocTrace(leaks, _errors.ToArray());
        }
    }

    private void Allocate(in Event allocation)
    {
        ref Entry entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_entries, allocation.Id, out bool existed);
        if (existed && !entry.IsReleased)
        {
            _shadowed.Add(entry);   // the same identity acquired twice without a release in between
        }
        entry = new Entry(allocation, _sequence++);
    }

    private void Release(in Event release)
    {
        // A source that knows the release is of something not live tags its identity (NotLive): it names
        // the same block, but must not consume a live entry of that address.
        ulong id = NotLive.Untagged(release.Id);
        bool knownNotLive = id != release.Id;
        ref Entry entry = ref CollectionsMarshal.GetValueRefOrNullRef(_entries, id);
        if (!System.Runtime.CompilerServices.Unsafe.IsNullRef(ref entry) && !entry.IsReleased && !knownNotLive)
        {
            Event allocation = entry.Allocation;
            entry.ReleasedBy = release;
            entry.IsReleased = true;
            if (ReviveShadow(id) is { } shadow)
            {
                entry = shadow;
            }
            CountRelease(allocation.Site, release.Site, 1);
            if (Mismatch(allocation, release) is { } kind)
            {
                _errors.Add(new ReleaseTrace(kind, id, End(allocation), End(release), null));
            }
            return;
        }

        _unmatched.Add(release);
        if (!System.Runtime.CompilerServices.Unsafe.IsNullRef(ref entry))
        {
            _errors.Add(new ReleaseTrace(AllocError.DoubleFree, id, End(entry.Allocation), End(release), entry.IsReleased ? End(entry.ReleasedBy) : null));
            return;
        }
        _errors.Add(new ReleaseTrace(AllocError.BadPtr, id, LiveBlockContaining(id) is { } c ? End(c) : null, End(release), null));
    }

    // (A method of its own: a lambda capturing the address would allocate its closure on every release.)
    private Event? LiveBlockContaining(ulong address)
    {
        foreach (Entry e in _entries.Values)
        {
            if (!e.IsReleased && address > e.Allocation.Id && address < e.Allocation.Id + (ulong)e.Allocation.Size)
            {
                return e.Allocation;
            }
        }
        return null;
    }

    private Entry? ReviveShadow(ulong id)
    {
        for (int i = _shadowed.Count - 1; i >= 0; i--)
        {
            if (_shadowed[i].Allocation.Id == id)
            {
                Entry shadow = _shadowed[i];
                _shadowed.RemoveAt(i);
                return shadow;
            }
        }
        return null;
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

    // Loops release many blocks of one site at one site: count in a register until the pair changes.
    private void CountRelease(int allocationSite, int releaseSite, int count)
    {
        if (allocationSite == 0 || releaseSite == 0)
        {
            return;
        }
        if (_pendingPair != (allocationSite, releaseSite))
        {
            FlushPendingPair();
            _pendingPair = (allocationSite, releaseSite);
        }
        _pendingCount += count;
    }

    private void FlushPendingPair()
    {
        if (_pendingCount != 0)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(_releaseCounts, _pendingPair, out _) += _pendingCount;
            _pendingCount = 0;
        }
    }

    private CallSite[] ExpectedReleaseSites(int allocationSite) =>
        allocationSite == 0
            ? []
            : _releaseCounts.Where(p => p.Key.Allocation == allocationSite)
                .OrderByDescending(p => p.Value).ThenBy(p => p.Key.Release)
                .Select(p => new CallSite(p.Key.Release)).ToArray();

    private static TraceEnd End(in Event e) => new(e.Size, e.Alignment, FamilyNames.Of(e.Family), new CallSite(e.Site), e.Stack);

    /// <summary>One acquisition or release as tracing sees it.</summary>
    internal readonly record struct Event(bool IsAllocation, ulong Id, long Size, long Alignment, ulong Family, int Site, StackTrace? Stack);

    private struct Entry(Event allocation, long sequence)
    {
        public readonly Event Allocation = allocation;
        public readonly long Sequence = sequence;
        public Event ReleasedBy;
        public bool IsReleased;
    }
}

/// <summary>
/// One thread's buffer of trace events for the region it is running (allocated once per thread, reused).
/// </summary>
internal sealed class TraceBuffer
{
    /// <summary>Events per batch handed to the tracer.</summary>
    public const int Capacity = 1024;

    private readonly RegionTracer.Event[] _events = new RegionTracer.Event[Capacity];
    private int _count;

    /// <summary>Adds an event; hands the batch over when full.</summary>
    public void Add(RegionTracer tracer, in RegionTracer.Event e)
    {
        _events[_count++] = e;
        if (_count == Capacity)
        {
            Flush(tracer);
        }
    }

    /// <summary>Hands the buffered events to <paramref name="tracer"/>; what that allocates is not the region's.</summary>
    public void Flush(RegionTracer tracer)
    {
        using RegionFlow.TrackerWork work = RegionFlow.StartTrackerWork();
        FlushUncharged(tracer);
    }

    /// <summary>
    /// <see cref="Flush"/> for a thread whose segment has already been measured (it is leaving the flow), so
    /// nothing it allocates can be charged.
    /// </summary>
    public void FlushUncharged(RegionTracer tracer)
    {
        if (_count == 0)
        {
            return;
        }
        tracer.Process(_events.AsSpan(0, _count));
        Array.Clear(_events, 0, _count);
        _count = 0;
    }
}
