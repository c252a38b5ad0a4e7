using System.Runtime.CompilerServices;
using Mockalloc.Core.Tests.Support;
using Mockalloc.Internal;
using Mockalloc.Tracked;

namespace Mockalloc.Core.Tests.Tracing;

/// <summary>With tracing on, every bug is listed with the exact source lines that made it.</summary>
public sealed unsafe class TracingTests
{
    private const string ThisFile = "TracingTests.cs";
    private static readonly AllocOptions Tracing = new() { Tracing = true };

    [Fact]
    public void A_leak_names_its_allocation_line()
    {
        int line = 0;
        AllocInfo info = Allocs.Record(() =>
        {
            TrackedNativeMemory.Alloc(64, CallSite.Here()); line = Line();
        }, Tracing);

        Assert.Equal(AllocError.Leak, info.Error);
        LeakTrace leak = Assert.Single(info.Trace!.Leaks);
        AssertSite(leak.AllocationSite, line, nameof(A_leak_names_its_allocation_line));
        Assert.Equal(64, leak.Size);
        Assert.Equal("NativeMemory", leak.Family);
        Assert.Empty(leak.ExpectedReleaseSites);
    }

    [Fact]
    public void A_leak_in_a_loop_names_where_the_good_iterations_released()
    {
        int allocationLine = 0, releaseLine = 0;
        AllocInfo info = Allocs.Record(() =>
        {
            for (int i = 0; i < 10; i++)
            {
                void* block = TrackedNativeMemory.Alloc(32, CallSite.Here()); allocationLine = Line();
                if (i != 7)
                {
                    TrackedNativeMemory.Free(block, CallSite.Here()); releaseLine = Line();
                }
            }
        }, Tracing);

        LeakTrace leak = Assert.Single(info.Trace!.Leaks);
        AssertSite(leak.AllocationSite, allocationLine, nameof(A_leak_in_a_loop_names_where_the_good_iterations_released));
        CallSite expected = Assert.Single(leak.ExpectedReleaseSites);
        AssertSite(expected, releaseLine, nameof(A_leak_in_a_loop_names_where_the_good_iterations_released));

        string message = Assert.Throws<AllocException>(info.ThrowIfError).Message;
        Assert.Contains($"Traced: 1 leak in TracingTests.{nameof(A_leak_in_a_loop_names_where_the_good_iterations_released)}.", message, StringComparison.Ordinal);
        Assert.Contains($"Leak: 32 bytes (NativeMemory) allocated at {ThisFile}:{allocationLine}", message, StringComparison.Ordinal);
        Assert.Contains($"expected to be released at {ThisFile}:{releaseLine}", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_double_free_names_the_allocation_and_both_releases()
    {
        int allocationLine = 0, firstLine = 0, secondLine = 0;
        AllocInfo info = Allocs.Record(() =>
        {
            void* block = TrackedNativeMemory.Alloc(8, CallSite.Here()); allocationLine = Line();
            TrackedNativeMemory.Free(block, CallSite.Here()); firstLine = Line();
            TrackedNativeMemory.Free(block, CallSite.Here()); secondLine = Line();
        }, Tracing);

        Assert.Equal(AllocError.DoubleFree, info.Error);
        ReleaseTrace error = Assert.Single(info.Trace!.Errors);
        Assert.Equal(AllocError.DoubleFree, error.Kind);
        string member = nameof(A_double_free_names_the_allocation_and_both_releases);
        AssertSite(error.Allocation!.Site, allocationLine, member);
        AssertSite(error.EarlierRelease!.Site, firstLine, member);
        AssertSite(error.Release.Site, secondLine, member);
        Assert.Contains($"DoubleFree: 8 bytes (NativeMemory) allocated at {ThisFile}:{allocationLine}", Assert.Throws<AllocException>(info.ThrowIfError).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_interior_pointer_names_the_block_it_points_into()
    {
        int allocationLine = 0, releaseLine = 0;
        AllocInfo info = Allocs.Record(() =>
        {
            byte* block = (byte*)TrackedNativeMemory.Alloc(64, CallSite.Here()); allocationLine = Line();
            TrackedNativeMemory.Free(block + 8, CallSite.Here()); releaseLine = Line();
        }, Tracing);

        Assert.Equal(AllocError.BadPtr, info.Error);
        ReleaseTrace error = Assert.Single(info.Trace!.Errors);
        Assert.Equal(AllocError.BadPtr, error.Kind);
        AssertSite(error.Allocation!.Site, allocationLine, nameof(An_interior_pointer_names_the_block_it_points_into));
        AssertSite(error.Release.Site, releaseLine, nameof(An_interior_pointer_names_the_block_it_points_into));
        Assert.Single(info.Trace.Leaks);   // the block itself, still live
    }

    [Fact]
    public void A_mismatched_free_names_both_families_and_sites()
    {
        int allocationLine = 0, releaseLine = 0;
        AllocInfo info = Allocs.Record(() =>
        {
            nint block = (nint)TrackedNativeMemory.AlignedAlloc(16, 64, CallSite.Here()); allocationLine = Line();
            TrackedMarshal.FreeHGlobal(block, CallSite.Here()); releaseLine = Line();
        }, Tracing);

        ReleaseTrace error = Assert.Single(info.Trace!.Errors);
        Assert.Equal(AllocError.MismatchedFree, error.Kind);
        Assert.Equal("NativeMemory aligned", error.Allocation!.Family);
        Assert.Equal("HGlobal", error.Release.Family);
        AssertSite(error.Allocation.Site, allocationLine, nameof(A_mismatched_free_names_both_families_and_sites));
        AssertSite(error.Release.Site, releaseLine, nameof(A_mismatched_free_names_both_families_and_sites));
    }

    [Theory]
    [InlineData(8, 8, AllocError.BadSize)]
    [InlineData(4, 1, AllocError.BadAlignment)]
    [InlineData(8, 8 * 2, AllocError.BadLayout)]
    public void Sized_release_errors_give_both_layouts(int freedSize, int freedAlignment, AllocError expected)
    {
        if (expected == AllocError.BadSize)
        {
            freedAlignment = 4;
        }
        int allocationLine = 0, releaseLine = 0;
        AllocInfo info = Allocs.Record(() =>
        {
            void* block = TestAllocator.Instance.Allocate(4, 4, CallSite.Here()); allocationLine = Line();
            TestAllocator.Instance.Free(block, (nuint)freedSize, (nuint)freedAlignment, CallSite.Here()); releaseLine = Line();
        }, Tracing);

        Assert.Equal(expected, info.Error);
        ReleaseTrace error = Assert.Single(info.Trace!.Errors);
        Assert.Equal(expected, error.Kind);
        Assert.Equal((4L, 4L), (error.Allocation!.Size, error.Allocation.Alignment));
        Assert.Equal(((long)freedSize, (long)freedAlignment), (error.Release.Size, error.Release.Alignment));
        AssertSite(error.Release.Site, releaseLine, nameof(Sized_release_errors_give_both_layouts));
        AssertSite(error.Allocation.Site, allocationLine, nameof(Sized_release_errors_give_both_layouts));
    }

    [Fact]
    public void A_leak_and_a_double_free_together_are_both_listed()
    {
        // The verdict stays BadPtr (counts balance, as in the Rust crate); the trace names both bugs.
        AllocInfo info = Allocs.Record(() =>
        {
            TrackedNativeMemory.Alloc(8, CallSite.Here());
            void* twice = TrackedNativeMemory.Alloc(8, CallSite.Here());
            TrackedNativeMemory.Free(twice, CallSite.Here());
            TrackedNativeMemory.Free(twice, CallSite.Here());
        }, Tracing);

        Assert.Equal(AllocError.BadPtr, info.Error);
        Assert.Single(info.Trace!.Leaks);
        Assert.Equal(AllocError.DoubleFree, Assert.Single(info.Trace.Errors).Kind);
        Assert.Contains($"Traced: 1 leak, 1 double free in TracingTests.{nameof(A_leak_and_a_double_free_together_are_both_listed)}.", Assert.Throws<AllocException>(info.ThrowIfError).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_nested_region_releasing_an_outer_block_is_clean_in_the_outer_trace()
    {
        AllocInfo? inner = null;
        AllocInfo outer = Allocs.Record(() =>
        {
            void* block = TrackedNativeMemory.Alloc(8, CallSite.Here());
            inner = Allocs.Record(() => TrackedNativeMemory.Free(block, CallSite.Here()));
        }, Tracing);

        Assert.Equal(AllocError.BadPtr, Assert.Single(inner!.Trace!.Errors).Kind);
        Assert.Null(outer.Error);
        Assert.Empty(outer.Trace!.Errors);
        Assert.Empty(outer.Trace.Leaks);
    }

    [Fact]
    public void Without_tracing_there_is_no_trace_and_the_message_says_how_to_get_one()
    {
        AllocInfo info = Allocs.Record(() => TrackedNativeMemory.Alloc(8), new AllocOptions { Tracing = false });
        Assert.Null(info.Trace);
        Assert.Contains("MOCKALLOC_TRACING=1", Assert.Throws<AllocException>(info.ThrowIfError).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stacks_name_the_test_method_and_line_when_asked_for()
    {
        int line = 0;
        AllocInfo info = Allocs.Record(() =>
        {
            AllocateWithoutSite(); line = Line();
        }, new AllocOptions { Tracing = true, TraceStacks = true });

        LeakTrace leak = Assert.Single(info.Trace!.Leaks);
        Assert.False(leak.AllocationSite.IsKnown);
        Assert.NotNull(leak.AllocationStack);
        string message = Assert.Throws<AllocException>(info.ThrowIfError).Message;
        Assert.Contains($"allocated at TracingTests.AllocateWithoutSite in {ThisFile}:", message, StringComparison.Ordinal);
        Assert.Contains($"in {ThisFile}:{line}", message, StringComparison.Ordinal);
        Assert.DoesNotContain("RegionFlow", message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_message_lists_at_most_ten_bugs_and_counts_the_rest()
    {
        AllocInfo info = Allocs.Record(() =>
        {
            for (int i = 0; i < 25; i++)
            {
                TrackedNativeMemory.Alloc(8, CallSite.Here());
            }
        }, Tracing);

        string message = Assert.Throws<AllocException>(info.ThrowIfError).Message;
        Assert.Equal(TraceReport.MaxListed, message.Split('\n').Count(l => l.StartsWith("  Leak:", StringComparison.Ordinal)));
        Assert.Contains("... and 15 more (see AllocInfo.Trace).", message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_tracers_own_memory_is_not_charged_to_the_region()
    {
        // Warm: the first traced region pays one-off type loads.
        Allocs.Record(() => TrackedNativeMemory.Free(TrackedNativeMemory.Alloc(8, CallSite.Here()), CallSite.Here()), Tracing);
        AllocInfo info = Allocs.Record(() =>
        {
            for (int i = 0; i < 1000; i++)
            {
                TrackedNativeMemory.Free(TrackedNativeMemory.Alloc(8, CallSite.Here()), CallSite.Here());
            }
        }, new AllocOptions { Tracing = true, TraceStacks = true, MaxManagedBytes = 0 });

        Assert.Equal(0, info.ManagedBytesAllocated);
        Assert.Null(info.Error);
    }

    [Fact]
    public void CallSite_interns_each_location_once()
    {
        CallSite a = CallSite.Intern("/src/A.cs", 10, "M");
        CallSite b = CallSite.Intern("/src/A.cs", 10, "M");
        CallSite c = CallSite.Intern("/src/A.cs", 11, "M");
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal("A.cs:10 (M)", a.ToString());
        Assert.Equal("unknown site", default(CallSite).ToString());
        Assert.Equal(CallSite.Here(), SameLine(CallSite.Here()));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AllocateWithoutSite() => TrackedNativeMemory.Alloc(16);

    private static CallSite SameLine(CallSite site) => site;

    private static int Line([CallerLineNumber] int line = 0) => line;

    private static void AssertSite(CallSite site, int line, string member)
    {
        Assert.True(site.IsKnown, "the site is unknown");
        Assert.Equal(ThisFile, Path.GetFileName(site.File));
        Assert.Equal(line, site.Line);
        Assert.Equal(member, site.Member);
    }
}
