using System.ComponentModel;
using System.Reflection;
using Mockalloc.Internal;

namespace Mockalloc.Weaving;

/// <summary>
/// A region opened and closed by code rather than around a delegate: what Mockalloc.Fody weaves into a method
/// marked <see cref="AssertAllocsAttribute"/>. Not meant to be called by hand: use <see cref="Allocs"/>.
/// </summary>
/// <remarks>
/// <para>The woven method calls <see cref="Begin"/> first, runs its original body in a <c>try</c> whose
/// <c>fault</c> handler calls <see cref="EndFaulted"/>, and after a normal completion calls <see cref="End"/>
/// (a synchronous body) or returns what <c>EndAsync</c> makes of the returned task. This keeps the region
/// semantics of <see cref="Allocs.Assert"/> and <see cref="Allocs.AssertAsync"/>: the body's own exception
/// propagates unchanged, and an allocation error throws <see cref="AllocException"/> only after a normal
/// completion.</para>
/// <para><see cref="Begin"/> and the <c>End</c> methods must run in the same synchronous method (the woven one),
/// as they switch the logical flow's region; an <c>async</c> body's continuations keep the region until its task
/// completes.</para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class RegionScope
{
    private readonly Region _region;
    private ExecutionContext? _outer;

    private RegionScope(Region region) => _region = region;

    /// <summary>Begins the region of one call of a woven method; its options come from the method's attributes.</summary>
    /// <param name="method">The woven method (<c>ldtoken</c>).</param>
    /// <param name="type">The method's declaring type (<c>ldtoken</c>), so that methods of generic types resolve.</param>
    /// <returns>The scope to end.</returns>
    /// <exception cref="InvalidOperationException">A <c>MOCKALLOC_*</c> environment variable has a value that is not valid.</exception>
    public static RegionScope Begin(RuntimeMethodHandle method, RuntimeTypeHandle type)
    {
        long trackerWorkStart = GC.GetAllocatedBytesForCurrentThread();
        Type declaring = Type.GetTypeFromHandle(type)!;
        var info = (MethodInfo)MethodBase.GetMethodFromHandle(method, type)!;
        AllocOptions options = AllocOptionsLayering.ForTest(info, declaring);
        var scope = new RegionScope(new Region(RegionFlow.Current, options));
        scope._outer = RegionFlow.Begin(scope._region, trackerWorkStart);
        return scope;
    }

    /// <summary>Ends the region after the synchronous body completed normally.</summary>
    /// <exception cref="AllocException">The region found a bug or exceeded a budget.</exception>
    public void End()
    {
        RegionFlow.End(_region, _outer);
        Allocs.Complete(_region).ThrowIfError();
    }

    /// <summary>Ends the region after the body threw; reports nothing, so that the body's exception propagates.</summary>
    public void EndFaulted()
    {
        RegionFlow.End(_region, _outer);
        Allocs.Complete(_region);
    }

    /// <summary>Leaves the region's flow now and ends the region when <paramref name="task"/> completes.</summary>
    /// <param name="task">The task the body returned (null counts as completed).</param>
    /// <returns>A task that completes as <paramref name="task"/> does, or faults with <see cref="AllocException"/> when the region found a bug.</returns>
    public Task EndAsync(Task? task)
    {
        RegionFlow.End(_region, _outer);
        using RegionFlow.TrackerWork work = RegionFlow.StartTrackerWork();
        return Checked(Allocs.FinishAsync(task ?? Task.CompletedTask, _region));
    }

    /// <inheritdoc cref="EndAsync(Task?)"/>
    /// <typeparam name="T">The task's result type.</typeparam>
    public Task<T> EndAsync<T>(Task<T> task)
    {
        RegionFlow.End(_region, _outer);
        using RegionFlow.TrackerWork work = RegionFlow.StartTrackerWork();
        return Checked(task, Allocs.FinishAsync(task, _region));
    }

    /// <inheritdoc cref="EndAsync(Task?)"/>
    public ValueTask EndAsync(ValueTask task)
    {
        RegionFlow.End(_region, _outer);
        using RegionFlow.TrackerWork work = RegionFlow.StartTrackerWork();
        return new ValueTask(Checked(Allocs.FinishAsync(task.AsTask(), _region)));
    }

    /// <inheritdoc cref="EndAsync(Task?)"/>
    /// <typeparam name="T">The task's result type.</typeparam>
    public ValueTask<T> EndAsync<T>(ValueTask<T> task)
    {
        RegionFlow.End(_region, _outer);
        using RegionFlow.TrackerWork work = RegionFlow.StartTrackerWork();
        Task<T> running = task.AsTask();
        return new ValueTask<T>(Checked(running, Allocs.FinishAsync(running, _region)));
    }

    private static async Task Checked(Task<AllocInfo> finishing) =>
        (await finishing.ConfigureAwait(false)).ThrowIfError();

    private static async Task<T> Checked<T>(Task<T> running, Task<AllocInfo> finishing)
    {
        (await finishing.ConfigureAwait(false)).ThrowIfError();
        return await running.ConfigureAwait(false);
    }
}
