namespace Mockalloc.Internal;

/// <summary>
/// A recording region: the totals of every segment that ran in its flow, on any thread.
/// </summary>
/// <remarks>
/// Threads record into their own <see cref="ThreadShard"/> and add it here when they leave the flow,
/// under a lock that is taken once per thread hop, never per event. When the region completes, its totals
/// are merged into the enclosing region, so an event counts for the innermost region and every
/// enclosing one.
/// </remarks>
internal sealed class Region
{
    private readonly Lock _lock = new();
    private AllocAccumulator _totals;
    private long _managedBytes;
    private int _threadsInside;
    private bool _completed;
    private PoolQuarantine? _quarantine;

    public Region(Region? parent, AllocOptions options, string? name = null)
    {
        Parent = parent;
        Options = options;
        Name = options.RegionName ?? name;
        // A region inside a tracing region traces too, so that the enclosing trace stays complete.
        Tracer = options.Tracing || parent?.Tracer is not null
            ? new RegionTracer(options.TraceStacks || parent?.Tracer?.CapturesStacks == true, parent?.Tracer?.Stacks)
            : null;
    }

    /// <summary>What messages call the region ("ParserTests.Roundtrip"), or null.</summary>
    public string? Name { get; }

    /// <summary>The exact bookkeeping of a tracing region, or null.</summary>
    public RegionTracer? Tracer { get; }

    /// <summary>The enclosing region, or null.</summary>
    public Region? Parent { get; }

    /// <summary>The options this region was started with.</summary>
    public AllocOptions Options { get; }

    /// <summary>The region's held-back pool arrays, made on first use (as the tracker's own memory).</summary>
    public PoolQuarantine Quarantine => Volatile.Read(ref _quarantine) ?? CreateQuarantine();

    /// <summary>Number of threads currently running this region's flow.</summary>
    public int ThreadsInside => Volatile.Read(ref _threadsInside);

    /// <summary>A thread starts running this region's flow.</summary>
    public void Enter() => Interlocked.Increment(ref _threadsInside);

    /// <summary>A thread stops running this region's flow and hands over what it recorded.</summary>
    public void Leave(in AllocAccumulator events, long managedBytes)
    {
        Add(events, managedBytes);
        Interlocked.Decrement(ref _threadsInside);
    }

    /// <summary>
    /// Adds events to the totals. Events that arrive after completion (a thread the body started and did
    /// not wait for) are dropped: the result has already been reported.
    /// </summary>
    public void Add(in AllocAccumulator events, long managedBytes)
    {
        lock (_lock)
        {
            if (_completed)
            {
                return;
            }
            _totals.Merge(events);
            _managedBytes += managedBytes;
        }
    }

    /// <summary>
    /// Closes the region and returns its totals; merges them into the parent region.
    /// </summary>
    /// <param name="callerInside">Whether the calling thread is itself still running the region's flow
    /// (having flushed its events already).</param>
    public (AllocAccumulator Totals, long ManagedBytes) Complete(bool callerInside)
    {
        // Threads of the flow that are still unwinding (the last segment of an async body can finish on a
        // pool thread just after its task completes) hand over their shard within microseconds. Threads the
        // body started and did not wait for are given up to a second.
        int others = callerInside ? 1 : 0;
        if (ThreadsInside > others)
        {
            var wait = new SpinWait();
            long deadline = Environment.TickCount64 + 1000;
            while (ThreadsInside > others && Environment.TickCount64 < deadline)
            {
                wait.SpinOnce();
            }
        }

        AllocAccumulator totals;
        long managed;
        PoolQuarantine? quarantine;
        lock (_lock)
        {
            _completed = true;
            totals = _totals;
            managed = _managedBytes;
            quarantine = _quarantine;
        }
        quarantine?.Close();
        Parent?.Add(totals, managed);
        if (Tracer is not null)
        {
            Parent?.Tracer?.Absorb(Tracer);
        }
        return (totals, managed);
    }

    private PoolQuarantine CreateQuarantine()
    {
        using RegionFlow.TrackerWork work = RegionFlow.StartTrackerWork();
        lock (_lock)
        {
            if (_quarantine is null)
            {
                var quarantine = new PoolQuarantine();
                if (_completed)
                {
                    quarantine.Close();   // a late thread: nothing is held back once the region has ended
                }
                Volatile.Write(ref _quarantine, quarantine);
            }
            return _quarantine;
        }
    }
}
