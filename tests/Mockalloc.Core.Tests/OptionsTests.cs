using Mockalloc.Core.Tests.Support;

namespace Mockalloc.Core.Tests;

/// <summary><see cref="AllocOptions"/>: NoData tolerance and budgets, checked after the bug classes.</summary>
public sealed class OptionsTests
{
    [Fact]
    public void AllowNoData_turns_an_empty_region_into_a_pass()
    {
        Assert.Equal(AllocError.NoData, Allocs.Record(() => { }).Error);
        Assert.Null(Allocs.Record(() => { }, new AllocOptions { AllowNoData = true }).Error);
    }

    [Fact]
    public void MaxAllocations_is_a_budget_on_the_count()
    {
        static void ThreeBlocks()
        {
            for (int i = 0; i < 3; i++)
            {
                TestAllocator.Free(TestAllocator.Alloc(16, 8), 16, 8);
            }
        }

        Assert.Equal(AllocError.OverBudget, Allocs.Record(ThreeBlocks, new AllocOptions { MaxAllocations = 2 }).Error);
        Assert.Null(Allocs.Record(ThreeBlocks, new AllocOptions { MaxAllocations = 3 }).Error);
    }

    [Fact]
    public void MaxPeakBytes_is_a_budget_on_the_bytes_held_at_once()
    {
        static void TwoHeldTogether()
        {
            nint a = TestAllocator.Alloc(100, 8);
            nint b = TestAllocator.Alloc(100, 8);
            TestAllocator.Free(a, 100, 8);
            TestAllocator.Free(b, 100, 8);
        }

        AllocInfo over = Allocs.Record(TwoHeldTogether, new AllocOptions { MaxPeakBytes = 199 });
        Assert.Equal(AllocError.OverBudget, over.Error);
        Assert.Contains("MaxPeakBytes = 199", Assert.Throws<AllocException>(over.ThrowIfError).Message, StringComparison.Ordinal);
        Assert.Null(Allocs.Record(TwoHeldTogether, new AllocOptions { MaxPeakBytes = 200 }).Error);
    }

    [Fact]
    public void A_bug_is_reported_before_a_budget()
    {
        AllocInfo info = Allocs.Record(() => TestAllocator.Alloc(100, 8), new AllocOptions { MaxAllocations = 0 });
        Assert.Equal(AllocError.Leak, info.Error);
    }

    [Fact]
    public void Budgets_apply_when_no_data_is_allowed()
    {
        AllocInfo info = Allocs.Record(() => GC.KeepAlive(new byte[100]), new AllocOptions { AllowNoData = true, MaxManagedBytes = 0 });
        Assert.Equal(AllocError.OverBudget, info.Error);
    }

    [Fact]
    public void Negative_budgets_are_rejected_with_the_property_name()
    {
        Assert.Equal("MaxManagedBytes", Assert.Throws<ArgumentOutOfRangeException>(() => new AllocOptions { MaxManagedBytes = -1 }).ParamName);
        Assert.Equal("MaxAllocations", Assert.Throws<ArgumentOutOfRangeException>(() => new AllocOptions { MaxAllocations = -1 }).ParamName);
        Assert.Equal("MaxPeakBytes", Assert.Throws<ArgumentOutOfRangeException>(() => new AllocOptions { MaxPeakBytes = -1 }).ParamName);
    }

    [Fact]
    public void The_default_options_have_no_budgets_and_reject_no_data()
    {
        Assert.False(AllocOptions.Default.AllowNoData);
        Assert.Null(AllocOptions.Default.MaxManagedBytes);
        Assert.Null(AllocOptions.Default.MaxAllocations);
        Assert.Null(AllocOptions.Default.MaxPeakBytes);
    }
}
