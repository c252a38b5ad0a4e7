using System.Runtime.InteropServices;
using Mockalloc.Internal;

namespace Mockalloc.Tracked;

/// <summary>
/// GC handles with every allocation and release reported to the current region: <see cref="GCHandle"/>
/// and the typed <see cref="GCHandle{T}"/>, <see cref="PinnedGCHandle{T}"/> and <see cref="WeakGCHandle{T}"/>.
/// </summary>
/// <remarks>
/// <para>Each handle allocated inside a region is recorded under a number of its own (not its value, which
/// the runtime reuses) and kept in an exact table until freed (outside regions, while
/// the table is empty, the calls cost what the BCL's do). Releasing a handle that is not live (a second
/// <c>Free</c> through a copy, or a handle that was never allocated through tracking) is reported and,
/// inside a region, never reaches the runtime, whose handle table it could corrupt.</para>
/// <para>The typed handles are created with <c>new</c>, which interceptors cannot redirect: call the
/// <c>New…</c> factories here, or let the weaver rewrite the constructor calls.</para>
/// </remarks>
public static class TrackedGCHandle
{
    // Handle value -> the allocation's own number: the runtime hands a freed handle's value to the next
    // allocation, so the value alone would let a double free cancel against a later leaked handle.
    private static readonly LiveTable<nint, ulong> Live = new(EqualityComparer<nint>.Default);

    /// <summary>Tracked <see cref="GCHandle.Alloc(object?)"/>.</summary>
    /// <param name="value">The object the handle refers to.</param>
    /// <returns>A normal handle.</returns>
    public static GCHandle Alloc(object? value) => Alloc(value, default(CallSite));

    /// <inheritdoc cref="Alloc(object?)"/>
    /// <param name="value">The object the handle refers to.</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static GCHandle Alloc(object? value, CallSite site) => Allocated(GCHandle.Alloc(value), site);

    /// <summary>Tracked <see cref="GCHandle.Alloc(object?, GCHandleType)"/>.</summary>
    /// <param name="value">The object the handle refers to.</param>
    /// <param name="type">The kind of handle.</param>
    /// <returns>The handle.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> cannot be pinned, or <paramref name="type"/> is invalid.</exception>
    public static GCHandle Alloc(object? value, GCHandleType type) => Alloc(value, type, default);

    /// <inheritdoc cref="Alloc(object?, GCHandleType)"/>
    /// <param name="value">The object the handle refers to.</param>
    /// <param name="type">The kind of handle.</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static GCHandle Alloc(object? value, GCHandleType type, CallSite site) => Allocated(GCHandle.Alloc(value, type), site);

    /// <summary>Tracked <see cref="GCHandle.Free"/>; clears <paramref name="handle"/> as the BCL does.</summary>
    /// <param name="handle">The handle (the receiver of the BCL instance method).</param>
    /// <exception cref="InvalidOperationException">The handle was never allocated (default).</exception>
    public static void Free(ref GCHandle handle) => Free(ref handle, default);

    /// <inheritdoc cref="Free(ref GCHandle)"/>
    /// <param name="handle">The handle (the receiver of the BCL instance method).</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static void Free(ref GCHandle handle, CallSite site)
    {
        if (!handle.IsAllocated)
        {
            handle.Free();   // the BCL's own exception
            return;
        }
        if (Released(GCHandle.ToIntPtr(handle), site))
        {
            handle.Free();
        }
        else
        {
            handle = default;
        }
    }

    /// <summary>Tracked <c>new GCHandle&lt;T&gt;(target)</c>.</summary>
    /// <typeparam name="T">The target type.</typeparam>
    /// <param name="target">The object the handle refers to.</param>
    /// <returns>The handle.</returns>
    public static GCHandle<T> NewGCHandle<T>(T target)
        where T : class? => NewGCHandle(target, default(CallSite));

    /// <inheritdoc cref="NewGCHandle{T}(T)"/>
    /// <typeparam name="T">The target type.</typeparam>
    /// <param name="target">The object the handle refers to.</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static GCHandle<T> NewGCHandle<T>(T target, CallSite site)
        where T : class?
    {
        var handle = new GCHandle<T>(target);
        Record(GCHandle<T>.ToIntPtr(handle), site);
        return handle;
    }

    /// <summary>Tracked <see cref="GCHandle{T}.Dispose"/>; clears <paramref name="handle"/>.</summary>
    /// <typeparam name="T">The target type.</typeparam>
    /// <param name="handle">The handle.</param>
    public static void Dispose<T>(ref GCHandle<T> handle)
        where T : class? => Dispose(ref handle, default);

    /// <inheritdoc cref="Dispose{T}(ref GCHandle{T})"/>
    /// <typeparam name="T">The target type.</typeparam>
    /// <param name="handle">The handle.</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static void Dispose<T>(ref GCHandle<T> handle, CallSite site)
        where T : class?
    {
        if (handle.IsAllocated && Released(GCHandle<T>.ToIntPtr(handle), site))
        {
            handle.Dispose();
        }
        handle = default;
    }

    /// <summary>Tracked <c>new PinnedGCHandle&lt;T&gt;(target)</c>.</summary>
    /// <typeparam name="T">The target type.</typeparam>
    /// <param name="target">The object to pin.</param>
    /// <returns>The handle.</returns>
    public static PinnedGCHandle<T> NewPinnedGCHandle<T>(T target)
        where T : class? => NewPinnedGCHandle(target, default(CallSite));

    /// <inheritdoc cref="NewPinnedGCHandle{T}(T)"/>
    /// <typeparam name="T">The target type.</typeparam>
    /// <param name="target">The object to pin.</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static PinnedGCHandle<T> NewPinnedGCHandle<T>(T target, CallSite site)
        where T : class?
    {
        var handle = new PinnedGCHandle<T>(target);
        Record(PinnedGCHandle<T>.ToIntPtr(handle), site);
        return handle;
    }

    /// <summary>Tracked <see cref="PinnedGCHandle{T}.Dispose"/>; clears <paramref name="handle"/>.</summary>
    /// <typeparam name="T">The target type.</typeparam>
    /// <param name="handle">The handle.</param>
    public static void Dispose<T>(ref PinnedGCHandle<T> handle)
        where T : class? => Dispose(ref handle, default);

    /// <inheritdoc cref="Dispose{T}(ref PinnedGCHandle{T})"/>
    /// <typeparam name="T">The target type.</typeparam>
    /// <param name="handle">The handle.</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static void Dispose<T>(ref PinnedGCHandle<T> handle, CallSite site)
        where T : class?
    {
        if (handle.IsAllocated && Released(PinnedGCHandle<T>.ToIntPtr(handle), site))
        {
            handle.Dispose();
        }
        handle = default;
    }

    /// <summary>Tracked <c>new WeakGCHandle&lt;T&gt;(target, trackResurrection)</c>.</summary>
    /// <typeparam name="T">The target type.</typeparam>
    /// <param name="target">The object the handle refers to weakly.</param>
    /// <param name="trackResurrection">Whether to track the target past finalization.</param>
    /// <returns>The handle.</returns>
    public static WeakGCHandle<T> NewWeakGCHandle<T>(T target, bool trackResurrection = false)
        where T : class? => NewWeakGCHandle(target, trackResurrection, default(CallSite));

    /// <inheritdoc cref="NewWeakGCHandle{T}(T, bool)"/>
    /// <typeparam name="T">The target type.</typeparam>
    /// <param name="target">The object the handle refers to weakly.</param>
    /// <param name="trackResurrection">Whether to track the target past finalization.</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static WeakGCHandle<T> NewWeakGCHandle<T>(T target, bool trackResurrection, CallSite site)
        where T : class?
    {
        var handle = new WeakGCHandle<T>(target, trackResurrection);
        Record(WeakGCHandle<T>.ToIntPtr(handle), site);
        return handle;
    }

    /// <summary>Tracked <see cref="WeakGCHandle{T}.Dispose"/>; clears <paramref name="handle"/>.</summary>
    /// <typeparam name="T">The target type.</typeparam>
    /// <param name="handle">The handle.</param>
    public static void Dispose<T>(ref WeakGCHandle<T> handle)
        where T : class? => Dispose(ref handle, default);

    /// <inheritdoc cref="Dispose{T}(ref WeakGCHandle{T})"/>
    /// <typeparam name="T">The target type.</typeparam>
    /// <param name="handle">The handle.</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static void Dispose<T>(ref WeakGCHandle<T> handle, CallSite site)
        where T : class?
    {
        if (handle.IsAllocated && Released(WeakGCHandle<T>.ToIntPtr(handle), site))
        {
            handle.Dispose();
        }
        handle = default;
    }

    private static GCHandle Allocated(GCHandle handle, CallSite site)
    {
        Record(GCHandle.ToIntPtr(handle), site);
        return handle;
    }

    private static void Record(nint id, CallSite site)
    {
        if (RegionFlow.IsRecordingOnThisThread)
        {
            ulong number = PoolFamily.NewBufferId();
            Live.Add(id, number);
            RegionFlow.OnAlloc(number, 0, 0, AllocFamily.GCHandle, site.Id);
        }
    }

    // Records the release; true when the runtime should release the handle for real: a handle of the
    // table, or any handle outside regions (it may come from untracked code, as the BCL would take it).
    private static bool Released(nint id, CallSite site)
    {
        bool recording = RegionFlow.IsRecordingOnThisThread;
        if (!recording && Live.IsEmpty)
        {
            return true;
        }
        bool live = Live.TryRemove(id, out ulong number);
        if (live && RegionFlow.IsTracingOnThisThread)
        {
            RecentFrees.Remember(id, number);
        }
        RegionFlow.OnFree(live ? number : NotLive.Of(RecentFrees.NumberOf(id) ?? (nuint)id), 0, 0, AllocFamily.GCHandle, site.Id);
        return live || !recording;
    }

    // For tracing only: the last handles this thread freed, with their numbers, so that a second free of a
    // handle names the same number (and the trace reports it as the double free it is, with the first
    // release). Per thread, direct-mapped, written only while tracing; a miss just traces a bad pointer.
    private static class RecentFrees
    {
        private const int Bits = 6;
        private const int Slots = 1 << Bits;

        [ThreadStatic]
        private static (nint Handle, ulong Number)[]? t_slots;

        public static void Remember(nint handle, ulong number)
        {
            if (t_slots is null)
            {
                using RegionFlow.TrackerWork work = RegionFlow.StartTrackerWork();
                t_slots = new (nint, ulong)[Slots];
            }
            t_slots[Slot(handle)] = (handle, number);
        }

        public static ulong? NumberOf(nint handle) =>
            t_slots is { } slots && slots[Slot(handle)] is var (h, number) && h == handle ? number : null;

        private static int Slot(nint handle) => SlotHash.Of((ulong)handle, Bits);
    }
}
