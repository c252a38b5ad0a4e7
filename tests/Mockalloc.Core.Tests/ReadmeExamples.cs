namespace Mockalloc.Core.Tests;

/// <summary>The README's usage examples, compiled and run so that they cannot rot. Keep them in step.</summary>
public sealed class ReadmeExamples
{
    private static readonly byte[] Input = [1, 2, 3, 4];

    [Fact]
    public async Task Usage_section_runs_as_documented()
    {
        var allocator = new MockAllocator<SystemAllocator>(new SystemAllocator());
        nint leaked = 0;

        // Throws AllocException (here: Leak) with a message that says what to do next.
        AllocException leak = Assert.Throws<AllocException>(() =>
        Allocs.Assert(() =>
        {
            unsafe
            {
                void* block = allocator.Allocate(64, 8);
                leaked = (nint)block;
                // ... forgot allocator.Free(block, 64, 8);
            }
        }));
        Assert.Equal(AllocError.Leak, leak.Error);
        unsafe
        {
            allocator.Free((void*)leaked, 64, 8);
        }

        // Or look at the numbers.
        AllocInfo info = Allocs.Record(() => { unsafe { allocator.Free(allocator.Allocate(64, 8), 64, 8); } });
        Assert.Equal(1, info.AllocationCount);
        Assert.Equal(64, info.PeakBytes);
        Assert.Equal(0, info.ManagedBytesAllocated);
        info.ThrowIfError();

        // Async code: the region follows awaits, Task.Run, Parallel.For and new threads.
        await Allocs.AssertAsync(async () =>
        {
            nint block;
            unsafe { block = (nint)allocator.Allocate(64, 8); }
            await Task.Yield();
            await Task.Run(() => { unsafe { allocator.Free((void*)block, 64, 8); } });   // freed on another thread: correct use
        });

        // Budgets (checked after the bug classes).
        Allocs.Assert(() => ParseHeader(Input), new AllocOptions { AllowNoData = true, MaxManagedBytes = 1024 });
    }

    private static int ParseHeader(ReadOnlySpan<byte> input) => input.Length >= 4 ? input[0] : -1;
}
