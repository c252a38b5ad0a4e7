using System.Runtime.InteropServices;

namespace Mockalloc.Internal;

/// <summary>
/// The exact bookkeeping of a tracing region: every live allocation, the last release of each recently
/// released identity, and how often each allocation site's blocks were released at each release site. Only
/// regions with <see cref="AllocOptions.Tracing"/> have one; the verdict never depends on it.
/// </summary>
/// <remarks>
/// <para>Threads do not call it per event: each buffers its events in its <see cref="TraceBuffer"/> and hands
/// over a batch when the buffer fills or the thread leaves the region's flow, under one lock per batch.
/// Batches of different threads arrive in the order the threads hand them over, not in the order the
/// events happened: a block allocated on one thread and freed on another can reach the tracer release
/// first. So a release that matches no live allocation is not judged at once: it waits, and an allocation
/// of the same identity from another thread's batch takes it up. Only at the end are the releases still
/// waiting judged: a double free when the identity was released before, else a bad pointer.</para>
/// <para>Per event the work is one dictionary operation keyed by identity (struct entries, so nothing is
/// allocated per event), plus a release-site count that is only written to its dictionary when the pair of
/// sites changes. Memory is one entry per live allocation plus a pooled table of recent releases
/// (<see cref="RecentReleases"/>: what a later double free is reported against).</para>
/// </remarks>
internal sealed class RegionTracer
{
    private readonly Lock _lock = new();
    private readonly Dictionary<ulong, Live> _live = [];
    private readonly List<Live> _shadowed = [];
    private readonly RecentReleases _released = new();
    private readonly Dictionary<(int Allocation, int Release), int> _releaseCounts = [];
    private readonly List<ReleaseTrace> _errors = [];
    private readonly List<Waiting> _waiting = [];
    private readonly Dictionary<ulong, int> _waitingIds = [];
    private readonly BatchPairs _batch = new(TraceBuffer.Capacity);
    private (int Allocation, int Release) _pendingPair;
    private int _pendingCount;
    private long _sequence;
    private bool _completed;

    /// <summary>A tracer; a nested region's shares its enclosing region's stacks, whose numbers its events carry.</summary>
    public RegionTracer(bool stacks, StackTable? sharedStacks = null)
    {
        CapturesStacks = stacks;
        Stacks = sharedStacks ?? new StackTable();
    }

    /// <summary>Whether events carry stacks.</summary>
    public bool CapturesStacks { get; }

    /// <summary>Interned stacks, when <see cref="CapturesStacks"/>.</summary>
    public StackTable Stacks { get; }

    /// <summary>Processes a batch of one thread's events, in order; ignored once the region has completed.</summary>
    /// <param name="events">The events.</param>
    /// <param name="thread">Which thread's buffer they come from.</param>
    /// <remarks>
    /// Most blocks are released by the thread that allocated them, soon after: a release that matches an
    /// allocation of the same batch is paired in a small table that lives for the batch only, and never
    /// touches the region-wide dictionary of live blocks. What is left (allocations still live at the end of
    /// the batch, releases of blocks from earlier batches or other threads) goes through it, in order.
    /// </remarks>
    public void Process(ReadOnlySpan<Event> events, int thread)
    {
        lock (_lock)
        {
            if (_completed)
            {
                return;   // a thread the body did not wait for: its events are not the region's either
            }
            _batch.Start(events.Length);
            for (int i = 0; i < events.Length; i++)
            {
                ref readonly Event e = ref events[i];
                if (e.IsAllocation)
                {
                    if (_batch.Add(e.Id, i) is int shadowed)
                    {
                        Allocate(events[shadowed], thread);   // the same identity twice in the batch, unreleased
                    }
                }
                else if (_batch.Take(e.Id) is int allocation)
                {
                    Matched(events[allocation], e);
                }
                else
                {
                    Release(e, thread);
                }
            }
            for (int i = 0; i < events.Length; i++)
            {
                if (_batch.IsPending(i))
                {
                    Allocate(events[i], thread);
                }
            }
        }
    }

    /// <summary>Hands what a completed nested region saw to this, its enclosing region.</summary>
    public void Absorb(RegionTracer inner)
    {
        lock (inner._lock)
        {
            inner._completed = true;
            inner.FlushPendingPair();
            lock (_lock)
            {
                if (_completed)
                {
                    return;   // an inner region that outlived this one: this trace is already built
                }
                foreach (Live entry in inner._shadowed.Concat(inner._live.Values).OrderBy(e => e.Sequence))
                {
                    // Thread 0 is no thread's: a release this region's flow made meanwhile, on any thread, may take it up.
                    Allocate(entry.Allocation, thread: 0);
                }
                foreach (RecentReleases.Slot released in inner._released.All())
                {
                    Remember(released.Id, released.Allocation, released.Release);
                }
                foreach (((int allocation, int release), int count) in inner._releaseCounts)
                {
                    CountRelease(allocation, release, count);
                }
                foreach (ReleaseTrace error in inner._errors)
                {
                    _errors.Add(error.Resequenced(_sequence++));   // in this region's order
                }
                foreach (Waiting waiting in inner._waiting)
                {
                    // A release of a block the enclosing region allocated is correct there.
                    Release(waiting.Release, waiting.Thread);
                }
            }
        }
    }

    /// <summary>Ends the region's tracing and returns the trace: later batches are ignored.</summary>
    public AllocTrace Complete()
    {
        lock (_lock)
        {
            _completed = true;
            FlushPendingPair();
            LeakTrace[] leaks = _shadowed.Concat(_live.Values)
                .OrderBy(e => e.Sequence)
                .Select(e => new LeakTrace(e.Allocation.Id, e.Allocation.Size, FamilyNames.Of(e.Allocation.Family), new CallSite(e.Allocation.Site), Stacks.Get(e.Allocation.Stack), ExpectedReleaseSites(e.Allocation.Site)))
                .ToArray();
            var errors = new List<ReleaseTrace>(_errors);
            foreach (Waiting waiting in _waiting)
            {
                errors.Add(Judge(waiting));
            }
            errors.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
            _released.Release();
            return new AllocTrace(leaks, errors.ToArray());
        }
    }

    private void Allocate(in Event allocation, int thread)
    {
        if (_waitingIds.ContainsKey(allocation.Id) && TakeWaiting(allocation.Id, thread) is { } early)
        {
            // Another thread's release of this block reached the tracer before the allocation did.
            Matched(allocation, early);
            return;
        }
        ref Live entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_live, allocation.Id, out bool existed);
        if (existed)
        {
            _shadowed.Add(entry);   // the same identity acquired twice without a release in between
        }
        entry = new Live(allocation, _sequence++, thread);
    }

    private void Release(in Event release, int thread)
    {
        // A source that knows the release is of something not live tags its identity (NotLive): it names
        // the same block, but must not consume a live entry of that address.
        ulong id = NotLive.Untagged(release.Id);
        if (id == release.Id && _live.Remove(id, out Live entry))
        {
            if (ReviveShadow(id) is { } shadow)
            {
                _live[id] = shadow;
            }
            Matched(entry.Allocation, release);
            return;
        }
        _waiting.Add(new Waiting(release, thread, _sequence++));
        CollectionsMarshal.GetValueRefOrAddDefault(_waitingIds, release.Id, out _)++;
    }

    private void Matched(in Event allocation, in Event release)
    {
        CountRelease(allocation.Site, release.Site, 1);
        if (Mismatch(allocation, release) is { } kind)
        {
            _errors.Add(new ReleaseTrace(kind, allocation.Id, End(allocation), End(release), null, _sequence++));
        }
        Remember(allocation.Id, allocation, release);
    }

    private void Remember(ulong id, in Event allocation, in Event release) => _released.Remember(id, allocation, release, ++_sequence);

    private Event? TakeWaiting(ulong id, int thread)
    {
        for (int i = 0; i < _waiting.Count; i++)
        {
            Waiting waiting = _waiting[i];
            if (waiting.Thread != thread && waiting.Release.Id == id)
            {
                _waiting.RemoveAt(i);
                if (--_waitingIds[id] == 0)
                {
                    _waitingIds.Remove(id);
                }
                return waiting.Release;
            }
        }
        return null;
    }

    // A release that matched nothing, judged at the end: a double free if the identity was released before,
    // else a bad pointer (maybe into a live block).
    private ReleaseTrace Judge(in Waiting waiting)
    {
        Event release = waiting.Release;
        ulong id = NotLive.Untagged(release.Id);
        if (_released.TryGet(id, out RecentReleases.Slot earlier))
        {
            return new ReleaseTrace(AllocError.DoubleFree, id, End(earlier.Allocation), End(release), End(earlier.Release), waiting.Sequence);
        }
        return new ReleaseTrace(AllocError.BadPtr, id, LiveBlockContaining(id) is { } c ? End(c) : null, End(release), null, waiting.Sequence);
    }

    // (A method of its own: a lambda capturing the address would allocate its closure.)
    private Event? LiveBlockContaining(ulong address)
    {
        foreach (Live e in _live.Values)
        {
            if (address > e.Allocation.Id && address < e.Allocation.Id + (ulong)e.Allocation.Size)
            {
                return e.Allocation;
            }
        }
        return null;
    }

    private Live? ReviveShadow(ulong id)
    {
        for (int i = _shadowed.Count - 1; i >= 0; i--)
        {
            if (_shadowed[i].Allocation.Id == id)
            {
                Live shadow = _shadowed[i];
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

    private TraceEnd End(in Event e) => new(e.Size, e.Alignment, FamilyNames.Of(e.Family), new CallSite(e.Site), Stacks.Get(e.Stack));

    /// <summary>One acquisition or release as tracing sees it: plain numbers, so batches need no clearing.</summary>
    internal readonly record struct Event(bool IsAllocation, ulong Id, long Size, long Alignment, ulong Family, int Site, int Stack);

    private readonly record struct Live(Event Allocation, long Sequence, int Thread);

    private readonly record struct Waiting(Event Release, int Thread, long Sequence);
}

/// <summary>
/// The allocations of one batch not yet released in it, by identity: an open-addressing table sized for a
/// full batch and reused for every batch (a generation number empties it at once).
/// </summary>
internal sealed class BatchPairs
{
    private readonly int _mask;
    private readonly int _bits;
    private readonly ulong[] _ids;
    private readonly int[] _events;      // the allocation's index in the batch; -1 once taken
    private readonly int[] _generations;
    private readonly bool[] _pending;
    private int _generation;

    public BatchPairs(int capacity)
    {
        int slots = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)capacity * 2);
        _mask = slots - 1;
        _bits = System.Numerics.BitOperations.Log2((uint)slots);
        _ids = new ulong[slots];
        _events = new int[slots];
        _generations = new int[slots];
        _pending = new bool[capacity];
    }

    /// <summary>Empties the table for a batch of <paramref name="count"/> events.</summary>
    public void Start(int count)
    {
        _generation++;
        Array.Clear(_pending, 0, count);
    }

    /// <summary>
    /// Enters the allocation at <paramref name="index"/>; returns the index of an earlier allocation of the
    /// same identity still unreleased in the batch, which it replaces, or null.
    /// </summary>
    public int? Add(ulong id, int index)
    {
        int slot = Find(id);
        int? replaced = _generations[slot] == _generation && _events[slot] >= 0 ? _events[slot] : null;
        if (replaced is int earlier)
        {
            _pending[earlier] = false;
        }
        _ids[slot] = id;
        _events[slot] = index;
        _generations[slot] = _generation;
        _pending[index] = true;
        return replaced;
    }

    /// <summary>Takes the batch's unreleased allocation of <paramref name="id"/>: its index, or null.</summary>
    public int? Take(ulong id)
    {
        int slot = Find(id);
        if (_generations[slot] != _generation || _events[slot] < 0)
        {
            return null;
        }
        int index = _events[slot];
        _events[slot] = -1;   // a tombstone: the probe chain stays intact
        _pending[index] = false;
        return index;
    }

    /// <summary>Whether the allocation at <paramref name="index"/> is still unreleased at the batch's end.</summary>
    public bool IsPending(int index) => _pending[index];

    // The identity's slot, or the first free slot of its probe chain.
    private int Find(ulong id)
    {
        int slot = SlotHash.Of(id, _bits);
        while (_generations[slot] == _generation && _ids[slot] != id)
        {
            slot = (slot + 1) & _mask;
        }
        return slot;
    }
}

/// <summary>
/// One thread's buffer of trace events for the region it is running (allocated once per thread, reused).
/// </summary>
internal sealed class TraceBuffer
{
    /// <summary>Events per batch handed to the tracer.</summary>
    public const int Capacity = 1024;

    private static int s_threads;
    private readonly RegionTracer.Event[] _events = new RegionTracer.Event[Capacity];
    private readonly int _thread = Interlocked.Increment(ref s_threads);
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
        tracer.Process(_events.AsSpan(0, _count), _thread);
        _count = 0;
    }
}
