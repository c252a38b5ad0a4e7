using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Mockalloc.Tracked;

namespace Mockalloc.Core.Tests.Tracing;

/// <summary>
/// Threads hand their traced events over in batches, not in the order the events happened: the trace must
/// still pair a block freed on another thread with its allocation, and list only real bugs.
/// </summary>
public sealed unsafe class TracingAcrossThreadsTests
{
    private static readonly AllocOptions Tracing = new() { Tracing = true };

    [Fact]
    public void A_block_freed_by_a_task_the_allocating_thread_waits_for_is_clean()
    {
        // The pool thread's segment (the release) ends first, while the allocating thread is still inside.
        AllocInfo info = Allocs.Record(() =>
        {
            nint block = (nint)TrackedNativeMemory.Alloc(32, CallSite.Here());
            Task.Run(() => TrackedNativeMemory.Free((void*)block, CallSite.Here())).Wait();
        }, Tracing);

        Assert.Null(info.Error);
        Assert.Empty(info.Trace!.Leaks);
        Assert.Empty(info.Trace.Errors);
    }

    [Fact]
    public void Producers_and_consumers_on_many_threads_trace_clean()
    {
        AllocInfo info = Allocs.Record(() =>
        {
            var queue = new BlockingCollection<nint>();
            Task consumer = Task.Run(() =>
            {
                foreach (nint block in queue.GetConsumingEnumerable())
                {
                    TrackedNativeMemory.Free((void*)block, CallSite.Here());
                }
            });
            Parallel.For(0, 2000, _ => queue.Add((nint)TrackedNativeMemory.Alloc(16, CallSite.Here())));
            queue.CompleteAdding();
            consumer.Wait();
        }, Tracing);

        Assert.Null(info.Error);
        Assert.Empty(info.Trace!.Leaks);
        Assert.Empty(info.Trace.Errors);
    }

    [Fact]
    public void A_real_bug_among_cross_thread_frees_is_still_listed_once()
    {
        int leakLine = 0;
        AllocInfo info = Allocs.Record(() =>
        {
            nint block = (nint)TrackedNativeMemory.Alloc(32, CallSite.Here());
            Task.Run(() => TrackedNativeMemory.Free((void*)block, CallSite.Here())).Wait();
            TrackedNativeMemory.Alloc(48, CallSite.Here()); leakLine = Line();
        }, Tracing);

        Assert.Equal(AllocError.Leak, info.Error);
        LeakTrace leak = Assert.Single(info.Trace!.Leaks);
        Assert.Equal(leakLine, leak.AllocationSite.Line);
        Assert.Empty(info.Trace.Errors);
    }

    [Fact]
    public void A_double_free_in_a_nested_region_of_an_outer_block_is_a_double_free_in_the_outer_trace()
    {
        int firstRelease = 0, secondRelease = 0;
        AllocInfo? inner = null;
        AllocInfo outer = Allocs.Record(() =>
        {
            void* block = TrackedNativeMemory.Alloc(8, CallSite.Here());
            inner = Allocs.Record(() =>
            {
                TrackedNativeMemory.Free(block, CallSite.Here()); firstRelease = Line();
            });
            TrackedNativeMemory.Free(block, CallSite.Here()); secondRelease = Line();
        }, Tracing);

        Assert.Equal(AllocError.DoubleFree, inner!.Error);
        Assert.Equal(AllocError.DoubleFree, outer.Error);
        ReleaseTrace error = Assert.Single(outer.Trace!.Errors);
        Assert.Equal(AllocError.DoubleFree, error.Kind);
        Assert.Equal(firstRelease, error.EarlierRelease!.Site.Line);
        Assert.Equal(secondRelease, error.Release.Site.Line);
        Assert.Empty(outer.Trace.Leaks);
    }

    [Fact]
    public void A_leak_in_a_nested_region_keeps_its_stack_in_the_outer_trace()
    {
        // The nested region's events carry numbers of the stacks it interned: the outer trace must read
        // them from the same table.
        AllocInfo outer = Allocs.Record(() =>
        {
            TrackedNativeMemory.Free(TrackedNativeMemory.Alloc(8));   // stacks the outer region interns first
            Allocs.Record(LeakFromANestedRegion);
        }, new AllocOptions { Tracing = true, TraceStacks = true });

        LeakTrace leak = Assert.Single(outer.Trace!.Leaks);
        Assert.Contains(leak.AllocationStack!.GetFrames(), f => f.GetMethod()?.Name == nameof(LeakFromANestedRegion));
    }

    [Fact]
    public void A_handle_freed_twice_is_traced_as_a_double_free_with_its_first_release()
    {
        int firstRelease = 0, secondRelease = 0;
        AllocInfo info = Allocs.Record(() =>
        {
            GCHandle handle = TrackedGCHandle.Alloc(new object(), CallSite.Here());
            GCHandle copy = handle;
            TrackedGCHandle.Free(ref handle, CallSite.Here()); firstRelease = Line();
            TrackedGCHandle.Free(ref copy, CallSite.Here()); secondRelease = Line();
        }, Tracing);

        Assert.Equal(AllocError.DoubleFree, info.Error);
        ReleaseTrace error = Assert.Single(info.Trace!.Errors);
        Assert.Equal(AllocError.DoubleFree, error.Kind);
        Assert.Equal((firstRelease, secondRelease), (error.EarlierRelease!.Site.Line, error.Release.Site.Line));
    }

    [Fact]
    public void Errors_handed_over_by_a_nested_region_keep_the_order_they_happened_in()
    {
        int[] lines = new int[3];
        AllocInfo outer = Allocs.Record(() =>
        {
            TrackedMarshal.FreeHGlobal((nint)TrackedNativeMemory.Alloc(8), CallSite.Here()); lines[0] = Line();
            Allocs.Record(() =>
            {
                TrackedMarshal.FreeHGlobal((nint)TrackedNativeMemory.Alloc(8), CallSite.Here()); lines[1] = Line();
            });
            TrackedMarshal.FreeHGlobal((nint)TrackedNativeMemory.Alloc(8), CallSite.Here()); lines[2] = Line();
        }, Tracing);

        Assert.Equal(lines, outer.Trace!.Errors.Select(e => e.Release.Site.Line));
        Assert.All(outer.Trace.Errors, e => Assert.Equal(AllocError.MismatchedFree, e.Kind));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void LeakFromANestedRegion() => TrackedNativeMemory.Alloc(16);

    [Fact]
    public void The_first_line_of_a_traced_message_counts_every_bug()
    {
        AllocInfo info = Allocs.Record(() =>
        {
            TrackedNativeMemory.Alloc(8, CallSite.Here());
            TrackedNativeMemory.Alloc(8, CallSite.Here());
            void* twice = TrackedNativeMemory.Alloc(8, CallSite.Here());
            TrackedNativeMemory.Free(twice, CallSite.Here());
            TrackedNativeMemory.Free(twice, CallSite.Here());
        }, Tracing);

        string firstLine = Assert.Throws<AllocException>(info.ThrowIfError).Message.Split('\n')[0].TrimEnd('\r');
        Assert.Equal($"Mockalloc: Traced: 2 leaks, 1 double free in {nameof(TracingAcrossThreadsTests)}.{nameof(The_first_line_of_a_traced_message_counts_every_bug)}.", firstLine);
    }

    [Fact]
    public void Stacks_of_one_line_are_kept_once()
    {
        AllocInfo info = Allocs.Record(() =>
        {
            for (int i = 0; i < 3; i++)
            {
                TrackedNativeMemory.Alloc(8);
            }
        }, new AllocOptions { Tracing = true, TraceStacks = true });

        Assert.Equal(3, info.Trace!.Leaks.Count);
        Assert.NotNull(info.Trace.Leaks[0].AllocationStack);
        Assert.Same(info.Trace.Leaks[0].AllocationStack, info.Trace.Leaks[1].AllocationStack);
        Assert.Same(info.Trace.Leaks[1].AllocationStack, info.Trace.Leaks[2].AllocationStack);
    }

    [Fact]
    public void Every_source_reports_its_allocation_and_release_lines()
    {
        int handleLine = 0, rentLine = 0, returnLine = 0, returnAgainLine = 0, ownerLine = 0, disposeLine = 0, hglobalLine = 0;
        AllocInfo info = Allocs.Record(() =>
        {
            TrackedGCHandle.Alloc(new object(), CallSite.Here()); handleLine = Line();
            byte[] array = TrackedArrayPool.Rent(ArrayPool<byte>.Shared, 16, CallSite.Here()); rentLine = Line();
            TrackedArrayPool.Return(ArrayPool<byte>.Shared, array, false, CallSite.Here()); returnLine = Line();
            TrackedArrayPool.Return(ArrayPool<byte>.Shared, array, false, CallSite.Here()); returnAgainLine = Line();
            for (int i = 0; i < 2; i++)
            {
                IMemoryOwner<byte> owner = TrackedMemoryPool.Rent(MemoryPool<byte>.Shared, 16, CallSite.Here()); ownerLine = Line();
                if (i == 0)
                {
                    TrackedMemoryPool.Dispose(owner, CallSite.Here()); disposeLine = Line();
                }
            }
            TrackedMarshal.AllocHGlobal(8, CallSite.Here()); hglobalLine = Line();
        }, Tracing);

        Assert.Equal([handleLine, ownerLine, hglobalLine], info.Trace!.Leaks.Select(l => l.AllocationSite.Line));
        Assert.Equal(disposeLine, Assert.Single(info.Trace.Leaks[1].ExpectedReleaseSites).Line);
        ReleaseTrace doubleReturn = Assert.Single(info.Trace.Errors);
        Assert.Equal(AllocError.DoubleFree, doubleReturn.Kind);
        Assert.Equal((rentLine, returnLine, returnAgainLine), (doubleReturn.Allocation!.Site.Line, doubleReturn.EarlierRelease!.Site.Line, doubleReturn.Release.Site.Line));
    }

    private static int Line([CallerLineNumber] int line = 0) => line;
}
