using Mockalloc.Core.Tests.Support;

namespace Mockalloc.Core.Tests;

/// <summary>A region follows its logical flow across threads, and only its own flow.</summary>
public sealed class FlowTests
{
    private const nuint Size = 64;
    private const nuint Align = 8;

    [Fact]
    public void Free_on_another_thread_inside_the_region_is_correct_use()
    {
        // The Rust crate keeps per-thread state and reports Leak here.
        AllocInfo info = Allocs.Record(() =>
        {
            nint p = TestAllocator.Alloc(Size, Align);
            Task.Run(() => TestAllocator.Free(p, Size, Align)).Wait();
        });

        Assert.Null(info.Error);
        Assert.Equal(1, info.AllocationCount);
        Assert.Equal(1, info.FreeCount);
    }

    [Fact]
    public void Allocation_on_another_thread_freed_on_the_caller_is_correct_use()
    {
        AllocInfo info = Allocs.Record(() =>
        {
            nint p = Task.Run(() => TestAllocator.Alloc(Size, Align)).Result;
            TestAllocator.Free(p, Size, Align);
        });

        Assert.Null(info.Error);
        Assert.Equal(1, info.AllocationCount);
    }

    [Fact]
    public void A_thread_started_inside_the_region_belongs_to_it()
    {
        AllocInfo info = Allocs.Record(() =>
        {
            nint p = 0;
            var thread = new Thread(() => p = TestAllocator.Alloc(Size, Align));
            thread.Start();
            thread.Join();
            TestAllocator.Free(p, Size, Align);
        });

        Assert.Null(info.Error);
        Assert.Equal(1, info.AllocationCount);
        Assert.Equal(1, info.FreeCount);
    }

    [Fact]
    public async Task An_async_body_is_recorded_across_awaits_and_thread_hops()
    {
        AllocInfo info = await Allocs.RecordAsync(async () =>
        {
            nint p = TestAllocator.Alloc(Size, Align);
            await Task.Yield();
            await Task.Delay(1);
            nint q = await Task.Run(() => TestAllocator.Alloc(Size, Align));
            await Task.Yield();
            TestAllocator.Free(p, Size, Align);
            TestAllocator.Free(q, Size, Align);
        });

        Assert.True(info.Error is null, info.ToString());
        Assert.Equal(2, info.AllocationCount);
        Assert.Equal(2, info.FreeCount);
        Assert.Equal(2 * (long)Size, info.PeakBytes);
    }

    [Fact]
    public async Task An_async_leak_after_an_await_is_found()
    {
        AllocInfo info = await Allocs.RecordAsync(async () =>
        {
            await Task.Yield();
            TestAllocator.Alloc(Size, Align);
        });

        Assert.Equal(AllocError.Leak, info.Error);
    }

    [Fact]
    public void Parallel_for_workers_belong_to_the_region()
    {
        const int Blocks = 1000;
        var blocks = new nint[Blocks];
        AllocInfo info = Allocs.Record(() =>
        {
            Parallel.For(0, Blocks, i => blocks[i] = TestAllocator.Alloc(Size, Align));
            Parallel.For(0, Blocks, i => TestAllocator.Free(blocks[Blocks - 1 - i], Size, Align));
        });

        Assert.Null(info.Error);
        Assert.Equal(Blocks, info.AllocationCount);
        Assert.Equal(Blocks, info.FreeCount);
        Assert.Equal(Blocks * (long)Size, info.BytesAllocated);
    }

    [Fact]
    public void Regions_open_at_the_same_moment_on_many_threads_keep_their_own_events()
    {
        // Dedicated threads and a barrier: every region is open while every other one records, so the
        // test does not depend on how many pool threads happen to run at once.
        const int Regions = 8;
        const int Rounds = 50;
        var results = new AllocInfo[Regions];
        using var barrier = new Barrier(Regions);
        Thread[] threads = Enumerable.Range(0, Regions).Select(r => new Thread(() =>
        {
            results[r] = Allocs.Record(() =>
            {
                barrier.SignalAndWait();
                for (int round = 0; round < Rounds; round++)
                {
                    TestAllocator.Free(TestAllocator.Alloc(Size, Align), Size, Align);
                    if (round % 10 == 0)
                    {
                        barrier.SignalAndWait();
                    }
                }
                for (int i = 0; i < r; i++)
                {
                    TestAllocator.Alloc(Size, Align);
                }
                barrier.SignalAndWait();
            });
        })).ToArray();
        foreach (Thread thread in threads)
        {
            thread.Start();
        }
        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        for (int r = 0; r < Regions; r++)
        {
            Assert.Equal(Rounds + r, results[r].AllocationCount);
            Assert.Equal(Rounds, results[r].FreeCount);
            Assert.Equal(r == 0 ? null : AllocError.Leak, results[r].Error);
        }
    }

    [Fact]
    public void A_block_allocated_in_one_region_and_freed_in_a_concurrent_one_fails_both()
    {
        nint shared = 0;
        using var allocated = new ManualResetEventSlim();
        using var freed = new ManualResetEventSlim();
        AllocInfo? owner = null, other = null;
        var ownerThread = new Thread(() => owner = Allocs.Record(() =>
        {
            shared = TestAllocator.Alloc(Size, Align);
            allocated.Set();
            freed.Wait();
        }));
        var otherThread = new Thread(() => other = Allocs.Record(() =>
        {
            allocated.Wait();
            TestAllocator.Free(shared, Size, Align);
            freed.Set();
        }));
        ownerThread.Start();
        otherThread.Start();
        ownerThread.Join();
        otherThread.Join();

        Assert.Equal(AllocError.Leak, owner!.Error);
        Assert.Equal(AllocError.DoubleFree, other!.Error);
    }

    [Fact]
    public void Concurrent_regions_never_see_each_others_events()
    {
        const int Regions = 16;
        const int PerThread = 200;
        var results = new AllocInfo[Regions];

        // Each region leaks exactly its own index's number of blocks, from several threads at once.
        Parallel.For(0, Regions, new ParallelOptions { MaxDegreeOfParallelism = Regions }, r =>
        {
            results[r] = Allocs.Record(() =>
            {
                Parallel.For(0, 4, _ =>
                {
                    for (int i = 0; i < PerThread; i++)
                    {
                        TestAllocator.Free(TestAllocator.Alloc(Size, Align), Size, Align);
                    }
                });
                for (int i = 0; i < r; i++)
                {
                    TestAllocator.Alloc(Size, Align);
                }
            }, new AllocOptions { AllowNoData = true });
        });

        for (int r = 0; r < Regions; r++)
        {
            Assert.Equal((4 * PerThread) + r, results[r].AllocationCount);
            Assert.Equal(4 * PerThread, results[r].FreeCount);
            Assert.Equal(r, results[r].LeakCount);
            Assert.Equal(r == 0 ? null : AllocError.Leak, results[r].Error);
        }
    }

    [Fact]
    public void Events_outside_any_region_are_not_recorded()
    {
        nint before = TestAllocator.Alloc(Size, Align);
        AllocInfo info = Allocs.Record(() => TestAllocator.Free(TestAllocator.Alloc(Size, Align), Size, Align));
        TestAllocator.Free(before, Size, Align);
        nint after = TestAllocator.Alloc(Size, Align);
        TestAllocator.Free(after, Size, Align);

        Assert.Null(info.Error);
        Assert.Equal(1, info.AllocationCount);
    }

    [Fact]
    public void Work_queued_without_flow_is_not_part_of_the_region()
    {
        AllocInfo info = Allocs.Record(() =>
        {
            using var done = new ManualResetEventSlim();
            ThreadPool.UnsafeQueueUserWorkItem(_ =>
            {
                TestAllocator.Alloc(Size, Align);
                done.Set();
            }, null);
            done.Wait();
        }, new AllocOptions { AllowNoData = true });

        Assert.Equal(0, info.AllocationCount);
        Assert.Null(info.Error);
    }
}
