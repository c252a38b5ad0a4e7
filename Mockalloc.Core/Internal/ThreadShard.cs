namespace Mockalloc.Internal;

/// <summary>
/// One thread's private accumulator for the region whose flow that thread is currently running.
/// Events are added here without synchronization; the shard is flushed into its region when the
/// thread leaves the region's flow (see <see cref="RegionFlow"/>).
/// </summary>
internal sealed class ThreadShard
{
    /// <summary>The events recorded since the thread entered <see cref="Region"/>'s flow.</summary>
    public AllocAccumulator Events;

    /// <summary>The region this shard records for, or null while the thread is outside every region.</summary>
    public Region? Region;

    /// <summary>The region's tracer, when it traces.</summary>
    public RegionTracer? Tracer;

    /// <summary>This thread's buffer of trace events, handed to <see cref="Tracer"/> in batches.</summary>
    public TraceBuffer? TraceEvents;

    /// <summary><see cref="GC.GetAllocatedBytesForCurrentThread"/> when this segment started (adjusted for the tracker's own allocations).</summary>
    public long ManagedStart;
}
