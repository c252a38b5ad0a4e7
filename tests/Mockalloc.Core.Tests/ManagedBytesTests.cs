using Mockalloc.Core.Tests.Support;

namespace Mockalloc.Core.Tests;

/// <summary><see cref="AllocInfo.ManagedBytesAllocated"/> is exact for the region's flow, whatever threads it runs on.</summary>
public sealed class ManagedBytesTests
{
    // A byte[1000] takes 1,024 bytes on the 64-bit GC heap: 24 bytes of header and length, rounded to 8.
    private const int ArrayBytes = 1024;
    private static readonly AllocOptions NoNative = new() { AllowNoData = true };

    [Fact]
    public void A_synchronous_body_is_charged_exactly_what_it_allocates()
    {
        Warm();
        AllocInfo info = Allocs.Record(AllocateHundredArrays, NoNative);
        Assert.Equal(100 * ArrayBytes, info.ManagedBytesAllocated);
    }

    [Fact]
    public void A_body_that_allocates_nothing_is_charged_nothing()
    {
        Warm();
        AllocInfo info = Allocs.Record(() => TestAllocator.Free(TestAllocator.Alloc(8, 8), 8, 8));
        Assert.Equal(0, info.ManagedBytesAllocated);
    }

    [Fact]
    public void Work_on_other_threads_of_the_flow_is_charged_to_the_region()
    {
        Warm();
        // The arrays are allocated on another thread of the flow, where a per-thread counter read on the
        // caller does not see them; the thread object itself is allocated on the caller.
        long onCaller = 0;
        AllocInfo info = Allocs.Record(() =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var worker = new Thread(AllocateHundredArrays);
            worker.Start();
            worker.Join();
            onCaller = GC.GetAllocatedBytesForCurrentThread() - before;
        }, NoNative);

        Assert.True(onCaller < 100 * ArrayBytes, $"the caller's own counter saw {onCaller} bytes");
        Assert.InRange(info.ManagedBytesAllocated, 100 * ArrayBytes, (100 * ArrayBytes) + 4096);
    }

    [Fact]
    public async Task An_async_flow_is_charged_across_awaits_and_hops()
    {
        Warm();
        AllocInfo info = await Allocs.RecordAsync(async () =>
        {
            for (int i = 0; i < 100; i++)
            {
                GC.KeepAlive(new byte[1000]);
                await Task.Yield();
            }
        }, NoNative);

        // The arrays, plus the body's own state machine box and awaiter plumbing (well under 1 KB).
        Assert.InRange(info.ManagedBytesAllocated, 100 * ArrayBytes, (100 * ArrayBytes) + 1024);
    }

    [Fact]
    public void Concurrent_regions_are_charged_only_their_own_bytes()
    {
        Warm();
        var results = new AllocInfo[8];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = results.Length }, r =>
            results[r] = Allocs.Record(() =>
            {
                for (int i = 0; i < r * 10; i++)
                {
                    GC.KeepAlive(new byte[1000]);
                }
            }, NoNative));

        for (int r = 0; r < results.Length; r++)
        {
            Assert.Equal(r * 10 * ArrayBytes, results[r].ManagedBytesAllocated);
        }
    }

    [Fact]
    public void A_nested_region_is_charged_to_the_outer_one_too_but_the_trackers_own_bytes_are_not()
    {
        Warm();
        AllocInfo? inner = null;
        AllocInfo outer = Allocs.Record(() =>
        {
            GC.KeepAlive(new byte[1000]);
            inner = Allocs.Record(AllocateHundredArrays, NoNative);
            GC.KeepAlive(new byte[1000]);
        }, NoNative);

        Assert.Equal(100 * ArrayBytes, inner!.ManagedBytesAllocated);
        Assert.Equal(102 * ArrayBytes, outer.ManagedBytesAllocated);
    }

    [Fact]
    public void The_managed_budget_fails_a_region_that_exceeds_it()
    {
        Warm();
        AllocInfo over = Allocs.Record(AllocateHundredArrays, new AllocOptions { AllowNoData = true, MaxManagedBytes = (100 * ArrayBytes) - 1 });
        AllocInfo within = Allocs.Record(AllocateHundredArrays, new AllocOptions { AllowNoData = true, MaxManagedBytes = 100 * ArrayBytes });

        Assert.Equal(AllocError.OverBudget, over.Error);
        Assert.Contains("MaxManagedBytes", Assert.Throws<AllocException>(over.ThrowIfError).Message, StringComparison.Ordinal);
        Assert.Null(within.Error);
    }

    private static void AllocateHundredArrays()
    {
        for (int i = 0; i < 100; i++)
        {
            GC.KeepAlive(new byte[1000]);
        }
    }

    // The first region on a thread pays one-off costs (JIT, type loads, static constructors such as the
    // test allocator's, which really are the body's allocations); tests measure warm paths.
    private static void Warm()
    {
        TestAllocator.Free(TestAllocator.Alloc(8, 8), 8, 8);
        Allocs.Record(AllocateHundredArrays, NoNative);
        Allocs.RecordAsync(() => Task.Run(AllocateHundredArrays), NoNative).Wait();
    }
}
