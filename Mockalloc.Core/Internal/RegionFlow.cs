using System.Runtime.CompilerServices;

namespace Mockalloc.Internal;

/// <summary>
/// Binds regions to the logical flow (the ExecutionContext) and events to regions.
/// </summary>
/// <remarks>
/// <para>The innermost region of a flow lives in an <see cref="AsyncLocal{T}"/> whose value-changed
/// handler runs every time a thread starts or stops running a flow (thread-pool work items, await
/// continuations, new threads, <c>Parallel.For</c> workers) and every time a region starts or ends.
/// On entry the handler points a thread-static at the thread's <see cref="ThreadShard"/>; on exit it
/// flushes the shard into the region. The per-event hot path is therefore one static read (are any
/// regions alive at all?) and one thread-static read, never an <see cref="AsyncLocal{T}"/> lookup, and
/// threads of one region never write to shared state per event.</para>
/// <para>Managed bytes follow the same segments: the handler reads
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/> when a segment starts and ends, which makes the
/// region's count exact across awaits and thread hops, where a per-thread counter is not.</para>
/// </remarks>
internal static class RegionFlow
{
    private static readonly AsyncLocal<Region?> s_current = new(OnCurrentChanged);

    // Runs with this class's other static initializers, on the first region's way in and before it
    // begins: the tables the tracked sources keep are the tracker's own memory, never a region's.
    private static readonly bool s_trackerStaticsReady = InitializeTrackerStatics();

    // Number of regions alive anywhere in the process: when zero, the hot path costs one static read.
    private static int s_liveRegions;

    [ThreadStatic]
    private static ThreadShard? t_active;

    [ThreadStatic]
    private static ThreadShard? t_shard;

    // Set by Begin/End while they switch regions: where the segment being left really ended.
    [ThreadStatic]
    private static long t_segmentEnd;

    [ThreadStatic]
    private static bool t_hasSegmentEnd;

    [ThreadStatic]
    private static int t_trackerWorkDepth;

    private static bool InitializeTrackerStatics()
    {
        RuntimeHelpers.RunClassConstructor(typeof(ReleasedLargeBlocks).TypeHandle);
        RuntimeHelpers.RunClassConstructor(typeof(CallSiteTable).TypeHandle);
        RuntimeHelpers.RunClassConstructor(typeof(BlockHeader).TypeHandle);
        RuntimeHelpers.RunClassConstructor(typeof(Tracked.TrackedGCHandle).TypeHandle);
        RuntimeHelpers.RunClassConstructor(typeof(ArrayRentals).TypeHandle);
        RuntimeHelpers.RunClassConstructor(typeof(Tracked.TrackedMarshal).TypeHandle);
        return true;
    }

    /// <summary>The innermost region of the current flow, or null.</summary>
    public static Region? Current => s_trackerStaticsReady ? s_current.Value : null;

    /// <summary>Whether this thread is running some region's flow now (cheap: no AsyncLocal lookup).</summary>
    public static bool IsRecordingOnThisThread => s_liveRegions != 0 && t_active is not null;

    /// <summary>Whether this thread is running the flow of a region that traces (cheap: no AsyncLocal lookup).</summary>
    public static bool IsTracingOnThisThread => s_liveRegions != 0 && t_active?.Tracer is not null;

    /// <summary>The innermost region whose flow this thread is running now, or null (cheap: no AsyncLocal lookup).</summary>
    public static Region? ActiveRegionOnThisThread => s_liveRegions != 0 ? t_active?.Region : null;

    /// <summary>Records an acquisition for the current flow's innermost region, if any.</summary>
    /// <param name="id">The identity.</param>
    /// <param name="size">Bytes.</param>
    /// <param name="alignment">Alignment (or header offset) as the source states it.</param>
    /// <param name="family">The acquiring family.</param>
    /// <param name="site">The interned call site, 0 when unknown; used only when the region traces.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void OnAlloc(ulong id, ulong size, ulong alignment, AllocFamily family, int site = 0)
    {
        if (s_liveRegions != 0 && t_active is { } shard)
        {
            // G of a constant alignment or family folds here, at the inlined call site.
            RecordAlloc(shard, id, size, alignment, AllocHash.Attribute(alignment), family, AllocHash.Attribute((ulong)family), site);
        }
    }

    // Out of line: inlined, the engine's dozen multiplications make every caller save and restore
    // registers on entry and exit, which the not-recording path then pays too. Twins rather than one
    // method with a bool: the branch cost 1.5 ns a pair (measured).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RecordAlloc(ThreadShard shard, ulong id, ulong size, ulong alignment, ulong gAlignment, AllocFamily family, ulong gFamily, int site)
    {
        shard.Events.RecordAllocHashed(id, size, gAlignment, gFamily);
        if (shard.Tracer is { } tracer)
        {
            Trace(shard, tracer, allocation: true, id, size, alignment, family, site);
        }
    }

    /// <summary>Records a release for the current flow's innermost region, if any.</summary>
    /// <param name="id">The identity.</param>
    /// <param name="size">Bytes, as the release states or the source knows them.</param>
    /// <param name="alignment">Alignment (or header offset).</param>
    /// <param name="family">The family the release went through.</param>
    /// <param name="site">The interned call site, 0 when unknown; used only when the region traces.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void OnFree(ulong id, ulong size, ulong alignment, AllocFamily family, int site = 0)
    {
        if (s_liveRegions != 0 && t_active is { } shard)
        {
            RecordFree(shard, id, size, alignment, AllocHash.Attribute(alignment), family, AllocHash.Attribute((ulong)family), site);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RecordFree(ThreadShard shard, ulong id, ulong size, ulong alignment, ulong gAlignment, AllocFamily family, ulong gFamily, int site)
    {
        shard.Events.RecordFreeHashed(id, size, gAlignment, gFamily);
        if (shard.Tracer is { } tracer)
        {
            Trace(shard, tracer, allocation: false, id, size, alignment, family, site);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Trace(ThreadShard shard, RegionTracer tracer, bool allocation, ulong id, ulong size, ulong alignment, AllocFamily family, int site) =>
        shard.TraceEvents!.Add(tracer, new RegionTracer.Event(allocation, id, (long)size, (long)alignment, (ulong)family, site, tracer.CapturesStacks ? CaptureStack(tracer) : 0));

    // Stacks are the tracker's own memory, never the region's. They start at Trace's caller (this method
    // and Trace are never inlined); the facades' own frames are trimmed when printed.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int CaptureStack(RegionTracer tracer)
    {
        using TrackerWork work = StartTrackerWork();
        return tracer.Stacks.Capture(skipFrames: 2);
    }

    /// <summary>
    /// Makes <paramref name="region"/> the innermost region of the current flow and returns the context to
    /// hand to <see cref="End"/>. <paramref name="trackerWorkStart"/> is
    /// <see cref="GC.GetAllocatedBytesForCurrentThread"/> read before the caller's own bookkeeping
    /// allocations (the region object, the new ExecutionContext): the enclosing region's segment ends
    /// there, so neither region is charged for them.
    /// </summary>
    public static ExecutionContext? Begin(Region region, long trackerWorkStart)
    {
        ExecutionContext? outer = ExecutionContext.Capture();
        Interlocked.Increment(ref s_liveRegions);
        t_segmentEnd = trackerWorkStart;
        t_hasSegmentEnd = true;
        s_current.Value = region;
        t_hasSegmentEnd = false;
        return outer;
    }

    /// <summary>
    /// Leaves <paramref name="region"/> in the current flow by restoring the context <see cref="Begin"/>
    /// returned (restoring an existing context allocates nothing, so the region is charged nothing).
    /// </summary>
    public static void End(Region region, ExecutionContext? outer)
    {
        if (outer is not null)
        {
            ExecutionContext.Restore(outer);
        }
        else
        {
            // Flow was suppressed when the region began; fall back to setting the value.
            t_segmentEnd = GC.GetAllocatedBytesForCurrentThread();
            t_hasSegmentEnd = true;
            s_current.Value = region.Parent;
            t_hasSegmentEnd = false;
        }
    }

    /// <summary>
    /// The region has completed: no more events can reach it. (An async body's continuations keep recording
    /// after <see cref="End"/> restored the caller's flow, so this is a separate step.)
    /// </summary>
    public static void Retire() => Interlocked.Decrement(ref s_liveRegions);

    /// <summary>
    /// Hands this thread's unflushed events to <paramref name="region"/> when the thread is running its
    /// flow, as happens when an async body's last continuation completes the region inline.
    /// </summary>
    /// <returns>Whether this thread is running <paramref name="region"/>'s flow.</returns>
    public static bool FlushCurrentThread(Region region)
    {
        if (t_active is not { } shard || shard.Region != region)
        {
            return false;
        }
        if (shard.Tracer is { } tracer)
        {
            shard.TraceEvents!.Flush(tracer);
        }
        long now = GC.GetAllocatedBytesForCurrentThread();
        region.Add(shard.Events, now - shard.ManagedStart);
        shard.Events = default;
        shard.ManagedStart = now;
        return true;
    }

    /// <summary>
    /// Starts a stretch of the tracker's own work on this thread: the managed bytes it allocates until
    /// <see cref="TrackerWork.Dispose"/> are not charged to the region whose segment is running. Stretches
    /// nest; only the outermost one measures.
    /// </summary>
    public static TrackerWork StartTrackerWork()
    {
        if (t_trackerWorkDepth++ > 0)
        {
            return default;
        }
        ThreadShard? shard = t_active;
        return new TrackerWork(shard, shard?.Region, GC.GetAllocatedBytesForCurrentThread());
    }

    /// <summary>A stretch of the tracker's own work; see <see cref="StartTrackerWork"/>.</summary>
    public readonly ref struct TrackerWork
    {
        private readonly ThreadShard? _shard;
        private readonly Region? _region;
        private readonly long _start;

        internal TrackerWork(ThreadShard? shard, Region? region, long start)
        {
            _shard = shard;
            _region = region;
            _start = start;
        }

        /// <summary>Ends the stretch and uncharges what it allocated.</summary>
        public void Dispose()
        {
            t_trackerWorkDepth--;
            if (_shard is not null && t_active == _shard && _shard.Region == _region)
            {
                _shard.ManagedStart += GC.GetAllocatedBytesForCurrentThread() - _start;
            }
        }
    }

    private static void OnCurrentChanged(AsyncLocalValueChangedArgs<Region?> change)
    {
        if (change.PreviousValue is { } previous)
        {
            LeaveSegment(previous);
        }
        if (change.CurrentValue is { } current)
        {
            EnterSegment(current);
        }
    }

    private static void EnterSegment(Region region)
    {
        ThreadShard shard = t_shard ??= new ThreadShard();
        if (region.Tracer is not null)
        {
            shard.TraceEvents ??= new TraceBuffer();
        }
        region.Enter();
        shard.Events = default;
        shard.Region = region;
        shard.Tracer = region.Tracer;
        t_active = shard;
        shard.ManagedStart = GC.GetAllocatedBytesForCurrentThread();
    }

    private static void LeaveSegment(Region region)
    {
        long managedEnd = t_hasSegmentEnd ? t_segmentEnd : GC.GetAllocatedBytesForCurrentThread();
        ThreadShard? shard = t_active;
        if (shard is null || shard.Region != region)
        {
            return;
        }
        t_active = null;
        shard.Region = null;
        if (shard.Tracer is { } tracer)
        {
            shard.TraceEvents!.FlushUncharged(tracer);   // after the segment was measured: not charged
            shard.Tracer = null;
        }
        region.Leave(shard.Events, managedEnd - shard.ManagedStart);
    }
}
