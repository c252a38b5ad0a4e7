using Mockalloc.Core.Tests.Support;

namespace Mockalloc.Core.Tests;

/// <summary>Each failure message says what happened, the counts, and what to do next.</summary>
public sealed class MessageTests
{
    [Fact]
    public void NoData_names_every_way_to_switch_tracking_on()
    {
        string message = MessageOf(() => { });
        Assert.StartsWith("Mockalloc: NoData:", message, StringComparison.Ordinal);
        Assert.Contains("<MockallocTrack>true</MockallocTrack>", message, StringComparison.Ordinal);
        Assert.Contains("Mockalloc.Fody", message, StringComparison.Ordinal);
        Assert.Contains("MockAllocator<SystemAllocator>", message, StringComparison.Ordinal);
        Assert.Contains("Mockalloc.Tracked", message, StringComparison.Ordinal);
        Assert.Contains("AllowNoData = true", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_traced_region_without_individual_bugs_starts_with_its_verdict()
    {
        // Over a budget, nothing to list: the traced layout (bug count first) would say nothing useful.
        AllocInfo info = Allocs.Record(
            () => TestAllocator.Free(TestAllocator.Alloc(8, 8), 8, 8),
            new AllocOptions { Tracing = true, MaxAllocations = 0 });
        string message = Assert.Throws<AllocException>(info.ThrowIfError).Message;
        Assert.StartsWith("Mockalloc: OverBudget:", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Traced:", message, StringComparison.Ordinal);
        Assert.DoesNotContain("turn tracing on", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Leak_gives_the_leaked_counts_and_the_fix()
    {
        string message = MessageOf(() =>
        {
            TestAllocator.Alloc(100, 8);
            TestAllocator.Alloc(28, 4);
            TestAllocator.Free(TestAllocator.Alloc(1000, 8), 1000, 8);
        });
        Assert.StartsWith("Mockalloc: Leak: 2 of 3 acquisitions (128 of 1,128 bytes) were never released.", message, StringComparison.Ordinal);
        Assert.Contains("Release each one", message, StringComparison.Ordinal);
        Assert.Contains("allocations 3, frees 1", message, StringComparison.Ordinal);
    }

    [Fact]
    public void DoubleFree_gives_the_counts()
    {
        string message = MessageOf(() =>
        {
            nint p = TestAllocator.Alloc(8, 8);
            TestAllocator.Free(p, 8, 8);
            TestAllocator.Free(p, 8, 8);
        });
        Assert.StartsWith("Mockalloc: DoubleFree: 2 releases for 1 acquisitions", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AllocError.BadPtr, "never acquired")]
    [InlineData(AllocError.BadSize, "different size")]
    [InlineData(AllocError.BadAlignment, "different alignment")]
    [InlineData(AllocError.BadLayout, "both a different size and a different alignment")]
    public void Release_errors_say_what_disagreed(AllocError error, string expected)
    {
        string message = MessageOf(() =>
        {
            nint p = TestAllocator.Alloc(16, 8);
            switch (error)
            {
                case AllocError.BadPtr: TestAllocator.Free(p + 8, 16, 8); break;
                case AllocError.BadSize: TestAllocator.Free(p, 24, 8); break;
                case AllocError.BadAlignment: TestAllocator.Free(p, 16, 16); break;
                default: TestAllocator.Free(p, 24, 16); break;
            }
        });
        Assert.StartsWith($"Mockalloc: {error}:", message, StringComparison.Ordinal);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public void AllocException_refuses_a_result_without_an_error()
    {
        AllocInfo clean = Allocs.Record(() => TestAllocator.Free(TestAllocator.Alloc(8, 8), 8, 8));
        Assert.Equal("info", Assert.Throws<ArgumentException>(() => new AllocException(clean)).ParamName);
        Assert.Equal("info", Assert.Throws<ArgumentNullException>(() => new AllocException(null!)).ParamName);
        clean.ThrowIfError();
        Assert.StartsWith("OK (allocations 1, frees 1", clean.ToString(), StringComparison.Ordinal);
    }

    private static string MessageOf(Action body) =>
        Assert.Throws<AllocException>(() => Allocs.Assert(body)).Message;
}
