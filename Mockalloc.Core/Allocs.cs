using System.Runtime.CompilerServices;
using Mockalloc.Internal;

namespace Mockalloc;

/// <summary>Recording regions: run code and learn which allocation bugs it has.</summary>
/// <remarks>
/// <para>A region follows the logical flow of its body: awaits, <c>Task.Run</c>, <c>Parallel.For</c> and
/// threads started inside it are part of it, so a block acquired on one thread and released on another
/// inside the same region is correct use. Work queued with suppressed flow
/// (<c>ExecutionContext.SuppressFlow</c>, <c>UnsafeQueueUserWorkItem</c>) is not part of it.</para>
/// <para>Concurrent regions never see each other's events. Regions nest: an event counts for the innermost
/// region and every enclosing one. An exception from the body ends the region and propagates unchanged.</para>
/// <para>Threads the body starts and does not wait for should finish before the body returns: events they
/// record after the region has ended are not counted.</para>
/// </remarks>
public static class Allocs
{
    /// <summary>Whether the current flow is inside a region (Rust: <c>is_recording</c>).</summary>
    public static bool IsRecording => RegionFlow.Current is not null;

    /// <summary>Runs <paramref name="body"/> as a region and returns what it recorded (Rust: <c>record_allocs</c>).</summary>
    /// <param name="body">The code to record. Must not be an <c>async</c> lambda: use <see cref="RecordAsync"/>.</param>
    /// <param name="options">Budgets and judging options; <see cref="AllocOptions.Default"/> when null.</param>
    /// <returns>The counters and the verdict; inspect <see cref="AllocInfo.Error"/> or call <see cref="AllocInfo.ThrowIfError"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="body"/> is an <c>async</c> lambda or method (an <c>async void</c> body would end the region at its first await).</exception>
    public static AllocInfo Record(Action body, AllocOptions? options = null)
    {
        long trackerWorkStart = GC.GetAllocatedBytesForCurrentThread();
        RejectAsyncVoid(body);
        Region region = NewRegion(body, options);
        ExecutionContext? outer = RegionFlow.Begin(region, trackerWorkStart);
        try
        {
            body();
        }
        catch
        {
            RegionFlow.End(region, outer);
            Complete(region);
            throw;
        }
        RegionFlow.End(region, outer);
        return Complete(region);
    }

    /// <summary>Runs an asynchronous <paramref name="body"/> as a region and returns what it recorded.</summary>
    /// <param name="body">The code to record; the region lasts until its task completes.</param>
    /// <param name="options">Budgets and judging options; <see cref="AllocOptions.Default"/> when null.</param>
    /// <returns>The counters and the verdict.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is null.</exception>
    public static Task<AllocInfo> RecordAsync(Func<Task> body, AllocOptions? options = null)
    {
        long trackerWorkStart = GC.GetAllocatedBytesForCurrentThread();
        ArgumentNullException.ThrowIfNull(body);
        Region region = NewRegion(body, options);
        ExecutionContext? outer = RegionFlow.Begin(region, trackerWorkStart);
        Task running;
        try
        {
            // The body's continuations capture the region's flow; the awaiting below runs in the caller's.
            running = body() ?? Task.CompletedTask;
        }
        catch
        {
            RegionFlow.End(region, outer);
            Complete(region);
            throw;
        }
        RegionFlow.End(region, outer);
        using RegionFlow.TrackerWork trackerWork = RegionFlow.StartTrackerWork();
        return FinishAsync(running, region);
    }

    /// <summary>Runs <paramref name="body"/> as a region and throws if it found a bug (Rust: <c>assert_allocs</c>).</summary>
    /// <param name="body">The code to check. Must not be an <c>async</c> lambda: use <see cref="AssertAsync"/>.</param>
    /// <param name="options">Budgets and judging options; <see cref="AllocOptions.Default"/> when null.</param>
    /// <exception cref="AllocException">The region found a bug or exceeded a budget.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="body"/> is an <c>async</c> lambda or method.</exception>
    /// <remarks>When the body throws, its exception propagates and no allocation error is reported.</remarks>
    public static void Assert(Action body, AllocOptions? options = null) => Record(body, options).ThrowIfError();

    /// <summary>Runs an asynchronous <paramref name="body"/> as a region and throws if it found a bug.</summary>
    /// <param name="body">The code to check; the region lasts until its task completes.</param>
    /// <param name="options">Budgets and judging options; <see cref="AllocOptions.Default"/> when null.</param>
    /// <returns>A task that faults with <see cref="AllocException"/> when the region found a bug.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is null.</exception>
    /// <remarks>When the body's task faults, that exception propagates and no allocation error is reported.</remarks>
    public static async Task AssertAsync(Func<Task> body, AllocOptions? options = null) =>
        (await RecordAsync(body, options).ConfigureAwait(false)).ThrowIfError();

    internal static async Task<AllocInfo> FinishAsync(Task running, Region region)
    {
        try
        {
            await running.ConfigureAwait(false);
        }
        catch
        {
            Complete(region);
            throw;
        }
        return Complete(region);
    }

    internal static AllocInfo Complete(Region region)
    {
        using RegionFlow.TrackerWork trackerWork = RegionFlow.StartTrackerWork();
        bool callerInside = RegionFlow.FlushCurrentThread(region);
        (AllocAccumulator totals, long managedBytes) = region.Complete(callerInside);
        RegionFlow.Retire();
        return new AllocInfo(totals, managedBytes, region.Options, region.Tracer?.Complete(), region.Name);
    }

    // The name is only shown with a trace, so it is only derived (by reflection, before the region begins)
    // when the region traces.
    private static Region NewRegion(Delegate body, AllocOptions? options)
    {
        options ??= AllocOptions.Default;
        Region? parent = RegionFlow.Current;
        bool tracing = options.Tracing || parent?.Tracer is not null;
        return new Region(parent, options, tracing && options.RegionName is null ? RegionNaming.Of(body.Method) : null);
    }

    private static void RejectAsyncVoid(Action body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.Method.IsDefined(typeof(AsyncStateMachineAttribute), inherit: false))
        {
            throw new ArgumentException(
                "The body is an async lambda or method bound to Action (async void): the region would end at its first await " +
                "and miss the rest. Use Allocs.RecordAsync or Allocs.AssertAsync with a Func<Task> instead.",
                nameof(body));
        }
    }
}
