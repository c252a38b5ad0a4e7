namespace Mockalloc.TestAttributes.Tests.EndToEnd;

/// <summary>
/// What each fixture test must report. A row is (key, outcome, message parts): the parts are separated by
/// '|'; each must appear in the TRX error message, or, with a leading '!', must not.
/// </summary>
public static class Expectations
{
    // An allocation failure reads as the test's failure, not as an exception the test threw (MSTest's wording for that).
    // (Traced messages put "Mockalloc: Traced: ..." first and the verdict on the next line.)
    public const string Leak = "Leak: 1 of 1 acquisitions|!threw exception";
    public const string NoData = "Mockalloc: NoData|MockallocTrack";

    /// <summary>Fixture tests every framework has, under the same class and method names.</summary>
    public static TheoryData<string, string, string> Common() => new()
    {
        { "Basics/Passes", "Passed", "" },
        { "Basics/Leaks", "Failed", Leak },
        { "Basics/DoubleFrees", "Failed", "Mockalloc: DoubleFree: 2 releases for 1 acquisitions" },
        { "Basics/LeaksTraced", "Failed", Leak + "|Traced: 1 leak in Basics.LeaksTraced.|Leak: 64 bytes (MockAllocator) allocated at Basics.cs:|(LeaksTraced)" },
        { "Basics/AllocatesNothing", "Failed", NoData },
        { "Basics/AllocatesNothingAllowed", "Passed", "" },
        { "Basics/FailsAndLeaks", "Failed", "own failure marker|" + Leak },
        { "Basics/FailsBeforeAllocating", "Failed", "own failure marker|!NoData" },
        { "Async/TaskLeaksAfterAwait", "Failed", Leak },
        { "Async/TaskFreesOnAnotherThread", "Passed", "" },
        { "Async/ValueTaskLeaksAfterAwait", "Failed", Leak },
        { "Async/ThreadHopPasses", "Passed", "" },
        { "ConstructorAndDispose/Passes", "Passed", "" },
        { "LeakInConstructor/Leaks", "Failed", Leak },
        { "AssemblyBudget/AllocatesFour", "Failed", "Mockalloc: OverBudget|MaxAllocations = 3" },
        { "AssemblyBudget/AllocatesThree", "Passed", "" },
        { "AssemblyBudget/MethodRaisesBudget", "Passed", "" },
        { "AssemblyBudget/MethodRemovesBudget", "Passed", "" },
        { "ClassDefaults/AllocatesNothing", "Passed", "" },
        { "ClassDefaults/AllocatesFour", "Passed", "" },
        { "ClassDefaults/MethodForbidsNoData", "Failed", NoData },
        { "Features/Skipped", "NotExecuted", "" },
        { "Features/a custom display name", "Passed", "" },
        { "Features/TimesOut", "Failed", "timed out|!Mockalloc" },
        { "Features/FinishesInTime", "Passed", "" },
        { "Budgets/HoldsTwoBlocksAtOnce", "Failed", "Mockalloc: OverBudget: 128 tracked bytes were held at the peak|MaxPeakBytes = 100" },
        { "Budgets/HoldsTwoBlocksWithinBudget", "Passed", "" },
        { "Budgets/AllocatesManagedMemory", "Failed", "Mockalloc: OverBudget|managed bytes were allocated, over the budget MaxManagedBytes = 100,000" },
    };

    /// <summary>
    /// The rerun's tests every framework has (see <see cref="FixtureRun"/>): the environment layer under the
    /// attribute layers, and two test classes holding blocks at the same time.
    /// </summary>
    public static TheoryData<string, string, string> CommonRerun() => new()
    {
        // MOCKALLOC_ALLOW_NO_DATA=1: no attribute layer sets AllowNoData for this test.
        { "Basics/AllocatesNothing", "Passed", "" },
        // MOCKALLOC_TRACING=1.
        { "Basics/Leaks", "Failed", Leak + "|Traced: 1 leak in Basics.Leaks." },
        // The assembly's MaxAllocations = 3 wins over MOCKALLOC_MAX_ALLOCATIONS=100.
        { "AssemblyBudget/AllocatesFour", "Failed", "Mockalloc: OverBudget|MaxAllocations = 3" },
        { "ParallelFirst/HoldsWhileTheOtherHolds", "Passed", "" },
        { "ParallelFirst/FreesWhileTheOtherLeaks", "Passed", "" },
        { "ParallelSecond/HoldsWhileTheOtherHolds", "Passed", "" },
        { "ParallelSecond/LeaksWhileTheOtherFrees", "Failed", Leak + "|Traced: 1 leak in ParallelSecond.LeaksWhileTheOtherFrees." },
    };

    /// <summary>
    /// <see cref="Common"/> plus the other tests xUnit v2 and v3 both run: tests/Fixtures/SharedXunit and each
    /// fixture's AsyncLifetime.cs.
    /// </summary>
    public static TheoryData<string, string, string> XunitCommon() => Common().Plus(new()
    {
        { "Basics/PlainFactIsNotRecorded", "Passed", "" },
        { "AsyncLifetime/Passes", "Passed", "" },
        { "BeforeAndAfter/Passes", "Passed", "" },
        { "ClassFixtureNotRecorded/Passes", "Passed", "" },
        { "CollectionFixtureNotRecorded/Passes", "Passed", "" },
        { "OutputHelper/Passes", "Passed", "" },
        { "Features/SkippedTheory", "NotExecuted", "" },
    }).Plus(XunitTheories(noDataAllowed: false));

    /// <summary>The rows of SharedXunit/Theories.cs; <paramref name="noDataAllowed"/>: whether the row that allocates nothing passes.</summary>
    public static TheoryData<string, string, string> XunitTheories(bool noDataAllowed) => new()
    {
        { "Theories/InlineRows(leak: False)", "Passed", "" },
        { "Theories/InlineRows(leak: True)", "Failed", Leak },
        { "Theories/NotSerializableRows(payload: balanced)", "Passed", "" },
        { "Theories/NotSerializableRows(payload: leaking)", "Failed", Leak },
        { "Theories/ClassRows(count: 0)", noDataAllowed ? "Passed" : "Failed", noDataAllowed ? "" : NoData },
        { "Theories/ClassRows(count: 2)", "Passed", "" },
        { "Theories/MemberRows(leak: False)", "Passed", "" },
        { "Theories/MemberRows(leak: True)", "Failed", Leak },
        { "Theories/OneRowSkipped(leak: False)", "Passed", "" },
        { "Theories/OneRowSkipped(leak: True)", "NotExecuted", "" },
        { "Theories/a named theory(count: 1)", "Passed", "" },
        { "Theories/TimedRows(delay: 0)", "Passed", "" },
        { "Theories/TimedRows(delay: 20000)", "Failed", "timed out|!Mockalloc" },
    };

    public static TheoryData<string, string, string> Plus(this TheoryData<string, string, string> common, TheoryData<string, string, string> specific)
    {
        foreach (object[] row in specific)
        {
            common.Add((string)row[0], (string)row[1], (string)row[2]);
        }
        return common;
    }

    public static void Check(TrxResult result, string outcome, string messageParts)
    {
        Assert.True(result.Outcome == outcome, $"{result.Key}: expected {outcome}, got {result.Outcome}. Message: {result.Message}");
        foreach (string part in messageParts.Split('|', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith('!'))
            {
                Assert.DoesNotContain(part[1..], result.Message, StringComparison.Ordinal);
            }
            else
            {
                Assert.Contains(part, result.Message, StringComparison.Ordinal);
            }
        }
    }

    public static void CheckEveryResultIsExpected(IReadOnlyList<TrxResult> results, TheoryData<string, string, string> expectations)
    {
        var expected = expectations.Select(row => (string)row[0]).Order(StringComparer.Ordinal).ToList();
        var actual = results.Select(r => r.Key).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, actual);
    }
}
