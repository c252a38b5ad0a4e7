using Fody;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Mockalloc.Fody.Tests;

/// <summary>Calls of the tracked BCL members in woven code reach the facades: each verdict as the regions see it.</summary>
public sealed class RedirectTests
{
    private static readonly AllocOptions Strict = new();

    [Theory]
    [InlineData("NativeCalls", "AllocFree")]
    [InlineData("NativeCalls", "HGlobalPair")]
    [InlineData("HandleCalls", "UntypedPair")]
    [InlineData("PoolCalls", "RentReturn")]
    [InlineData("PoolCalls", "OwnerPair")]
    [InlineData("PoolCalls", "OwnerRentedAndDisposedAtOnce")]
    public void Correct_use_passes_and_is_seen(string type, string method)
    {
        AllocInfo info = Allocs.Record(Woven.Body(type, method), Strict);

        Assert.Null(info.Error);
        Assert.True(info.AllocationCount > 0, "the woven calls were not tracked");
        Assert.Equal(info.AllocationCount, info.FreeCount);
    }

    [Theory]
    [InlineData("NativeCalls", "Leak", AllocError.Leak)]
    [InlineData("NativeCalls", "DoubleFree", AllocError.DoubleFree)]
    [InlineData("NativeCalls", "Mismatched", AllocError.MismatchedFree)]
    [InlineData("NativeCalls", "LeakInLambda", AllocError.Leak)]
    [InlineData("HandleCalls", "UntypedLeak", AllocError.Leak)]
    [InlineData("PoolCalls", "RentLeak", AllocError.Leak)]
    [InlineData("PoolCalls", "ReturnTwice", AllocError.DoubleFree)]
    [InlineData("PoolCalls", "ReturnToAnotherPool", AllocError.MismatchedFree)]
    [InlineData("PoolCalls", "OwnerLeak", AllocError.Leak)]
    public void Misuse_is_classified(string type, string method, AllocError expected)
    {
        AllocInfo info = Allocs.Record(Woven.Body(type, method), Strict);

        Assert.Equal(expected, info.Error);
    }

    [Fact]
    public void A_call_at_a_branch_join_point_is_redirected_on_both_paths()
    {
        foreach (bool first in new[] { true, false })
        {
            AllocInfo info = Allocs.Record(() => Woven.Call("NativeCalls", "FreeEither", first), Strict);

            Assert.Null(info.Error);
            Assert.Equal(2, info.AllocationCount);
            Assert.Equal(2, info.FreeCount);
        }
    }

    [Fact]
    public void Generic_callers_pass_their_type_arguments_to_the_facades()
    {
        AllocInfo info = Allocs.Record(() =>
        {
            Woven.Invoke(Woven.Fixture.Assembly.GetType("WeaverFixture.PoolCalls")!.GetMethod("GenericRentReturn")!.MakeGenericMethod(typeof(Guid)), null);
            Woven.Invoke(Woven.Fixture.Assembly.GetType("WeaverFixture.HandleCalls")!.GetMethod("GenericPair")!.MakeGenericMethod(typeof(string)), null, "target");
        }, Strict);

        Assert.Null(info.Error);
        Assert.Equal(2, info.AllocationCount);
    }

    [Fact]
    public void A_derived_pool_is_tracked_once_per_call_and_its_base_Rent_is_left_alone()
    {
        AllocInfo info = Allocs.Record(Woven.Body("PoolCalls", "DerivedPool"), Strict);

        // The Rent and Return through the derived pool; its base.Rent is not redirected (it would count a second rent).
        Assert.Null(info.Error);
        Assert.Equal(1, info.AllocationCount);
        Assert.Equal(1, info.FreeCount);
    }

    [Fact]
    public void A_callvirt_of_the_override_itself_is_followed_to_the_table_s_member()
    {
        // C# calls the overridden ArrayPool<byte>.Rent; other compilers may name the override: make the call do so.
        TestResult woven = new ModuleWeaver().ExecuteTestRun(
            Woven.FixturePath("WeaverFixture"),
            runPeVerify: false,
            beforeExecuteCallback: module =>
            {
                TypeDefinition pools = module.GetType("WeaverFixture.PoolCalls");
                MethodDefinition rent = pools.NestedTypes.Single(t => t.Name == "LoggingPool").Methods.Single(m => m.Name == "Rent");
                Instruction call = pools.Methods.Single(m => m.Name == "DerivedPool").Body.Instructions
                    .Single(i => i.OpCode.Code == Code.Callvirt && ((MethodReference)i.Operand).Name == "Rent");
                call.Operand = rent;
            },
            folderName: "override");

        AllocInfo info = Allocs.Record(() => Woven.Invoke(woven.Assembly.GetType("WeaverFixture.PoolCalls")!.GetMethod("DerivedPool")!, null), Strict);

        Assert.Null(info.Error);
        Assert.Equal(1, info.AllocationCount);
    }

    [Fact]
    public void Static_members_taken_as_delegates_are_tracked()
    {
        AllocInfo pair = Allocs.Record(Woven.Body("NativeCalls", "PairThroughDelegates"), Strict);
        AllocInfo leak = Allocs.Record(Woven.Body("NativeCalls", "LeakThroughDelegate"), Strict);

        Assert.Null(pair.Error);
        Assert.Equal(1, pair.AllocationCount);
        Assert.Equal(AllocError.Leak, leak.Error);
    }

    [Fact]
    public void The_weaver_reports_no_error_on_the_fixture()
    {
        Assert.Empty(Woven.Fixture.Errors.Select(e => e.Text));
    }
}
