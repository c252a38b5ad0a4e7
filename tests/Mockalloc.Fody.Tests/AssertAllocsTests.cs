using System.Reflection;

namespace Mockalloc.Fody.Tests;

/// <summary>[AssertAllocs] methods run as regions: a bug throws AllocException, the body's own exception wins.</summary>
public sealed class AssertAllocsTests
{
    private static Type Asserted => Woven.Fixture.Assembly.GetType("WeaverFixture.AssertedMethods", throwOnError: true)!;

    private static object? Call(string method, params object?[] arguments) => Woven.Invoke(Asserted.GetMethod(method)!, null, arguments);

    [Fact]
    public void A_clean_body_returns_normally()
    {
        Call("Clean");
        Assert.Equal(6, Call("ManyReturns", 3));
        Assert.Equal(2, Call("ManyReturns", -2));
        Assert.Equal(-1, Call("ManyReturns", -9));
        Assert.Equal("x", Woven.Invoke(Asserted.GetMethod("GenericClean")!.MakeGenericMethod(typeof(string)), null, "x"));
    }

    [Fact]
    public void A_leak_throws_AllocException()
    {
        var thrown = Assert.Throws<AllocException>(() => Call("Leaks"));

        Assert.Equal(AllocError.Leak, thrown.Error);
        Assert.Equal(1, thrown.Info.LeakCount);
    }

    [Fact]
    public void An_instance_method_is_wrapped()
    {
        object instance = Activator.CreateInstance(Asserted)!;

        var thrown = Assert.Throws<AllocException>(() => Woven.Invoke(Asserted.GetMethod("InstanceLeak")!, instance, 8));
        Assert.Equal(AllocError.Leak, thrown.Error);
    }

    [Fact]
    public void The_bodys_own_exception_propagates_unchanged()
    {
        var clean = Assert.Throws<InvalidOperationException>(() => Call("Throws"));
        var leaked = Assert.Throws<InvalidOperationException>(() => Call("LeaksThenThrows"));

        Assert.Equal("the body's own", clean.Message);
        Assert.Equal("the body's own", leaked.Message);
        Assert.False(Allocs.IsRecording, "the region was not ended when the body threw");
    }

    [Fact]
    public void A_body_whose_last_act_is_a_handler_is_wrapped_around_it()
    {
        var thrown = Assert.Throws<ArgumentException>(() => Call("EndsInAHandler"));

        Assert.Equal("thrown by the last handler", thrown.Message);
        Assert.False(Allocs.IsRecording);
    }

    [Fact]
    public void The_knobs_of_the_attribute_apply()
    {
        Assert.Equal(AllocError.NoData, Assert.Throws<AllocException>(() => Call("NothingTracked")).Error);
        Call("NothingTrackedAllowed");
        Assert.Equal(AllocError.OverBudget, Assert.Throws<AllocException>(() => Call("OverBudget")).Error);
    }

    [Fact]
    public void The_managed_budget_counts_the_body_and_not_the_woven_region_code()
    {
        Assert.Equal(2, Call("AllocatesNothingManaged", 1));   // the first call also resolves and caches the options
        Assert.Equal(3, Call("AllocatesNothingManaged", 2));
        Assert.Equal(AllocError.OverBudget, Assert.Throws<AllocException>(() => Call("AllocatesAKilobyte")).Error);
    }

    [Fact]
    public void The_region_nests_in_an_enclosing_one_and_ends_with_the_method()
    {
        AllocInfo outer = Allocs.Record(() =>
        {
            Call("Clean");
            Assert.True(Allocs.IsRecording);
        });

        Assert.Null(outer.Error);
        Assert.Equal(1, outer.AllocationCount);
        Assert.False(Allocs.IsRecording);
    }

    [Fact]
    public async Task An_async_method_s_region_ends_when_its_task_completes()
    {
        await (Task)Call("CleanAsync")!;
        Assert.Equal(42, await (Task<int>)Call("CleanAsyncResult")!);
        await (ValueTask)Call("CleanValueTask")!;

        var leak = await Assert.ThrowsAsync<AllocException>(() => (Task)Call("LeaksAfterAwait")!);
        Assert.Equal(AllocError.Leak, leak.Error);
        var valueLeak = await Assert.ThrowsAsync<AllocException>(() => ((ValueTask<int>)Call("LeaksValueTask")!).AsTask());
        Assert.Equal(AllocError.Leak, valueLeak.Error);
        Assert.False(Allocs.IsRecording);
    }

    [Fact]
    public async Task An_async_body_s_exception_propagates_unchanged()
    {
        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => (Task)Call("ThrowsAfterAwait")!);

        Assert.Equal("the body's own, after an await", thrown.Message);
    }

    [Fact]
    public void With_Tracing_the_failure_names_the_leaking_line()
    {
        var thrown = Assert.Throws<AllocException>(() => Call("LeaksTraced"));

        Assert.Contains($"AssertedMethods.cs:{Woven.LineOf("asserted-leak")}", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("AssertedMethods.LeaksTraced", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_method_of_a_generic_type_is_wrapped()
    {
        Type box = Woven.Fixture.Assembly.GetType("WeaverFixture.Box`1", throwOnError: true)!.MakeGenericType(typeof(string));
        object instance = Activator.CreateInstance(box)!;
        MethodInfo hold = box.GetMethod("Hold")!;

        Assert.Equal("kept", Woven.Invoke(hold, instance, "kept", false));
        Assert.Equal(AllocError.Leak, Assert.Throws<AllocException>(() => Woven.Invoke(hold, instance, "lost", true)).Error);
    }

    [Fact]
    public void The_attribute_stays_on_the_woven_method()
    {
        Assert.NotNull(Asserted.GetMethod("Leaks")!.GetCustomAttribute<AssertAllocsAttribute>());
    }
}
