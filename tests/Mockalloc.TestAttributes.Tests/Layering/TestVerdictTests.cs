using Mockalloc.Internal;

namespace Mockalloc.TestAttributes.Tests.Layering;

public unsafe class TestVerdictTests
{
    private static readonly MockAllocator<SystemAllocator> s_allocator = new(new SystemAllocator());

    [Fact]
    public void A_clean_region_adds_nothing() =>
        Assert.Null(TestVerdict.Failure(Allocs.Record(() => s_allocator.Free(s_allocator.Allocate(8, 8), 8, 8)), testFailed: false));

    [Fact]
    public void A_leak_fails_a_passing_test_with_the_engine_message()
    {
        AllocInfo info = Allocs.Record(() => s_allocator.Allocate(8, 8));

        AllocException? failure = TestVerdict.Failure(info, testFailed: false);

        Assert.NotNull(failure);
        Assert.Equal(AllocError.Leak, failure.Error);
        Assert.Equal(new AllocException(info).Message, failure.Message);
    }

    [Fact]
    public void A_leak_is_reported_beside_a_failing_test() =>
        Assert.NotNull(TestVerdict.Failure(Allocs.Record(() => s_allocator.Allocate(8, 8)), testFailed: true));

    [Fact]
    public void NoData_fails_a_passing_test() =>
        Assert.Equal(AllocError.NoData, TestVerdict.Failure(Allocs.Record(() => { }), testFailed: false)?.Error);

    [Fact]
    public void NoData_is_dropped_when_the_test_failed_for_its_own_reason() =>
        Assert.Null(TestVerdict.Failure(Allocs.Record(() => { }), testFailed: true));
}
