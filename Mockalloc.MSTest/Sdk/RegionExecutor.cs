using Microsoft.VisualStudio.TestTools.UnitTesting;
using Mockalloc.Internal;

namespace Mockalloc.Sdk.MSTest;

/// <summary>Runs an MSTest test method as a Mockalloc region and folds the verdict into its results.</summary>
internal static class RegionExecutor
{
    public static async Task<TestResult[]> ExecuteAsync(ITestMethod testMethod, Func<ITestMethod, Task<TestResult[]>> execute)
    {
        ArgumentNullException.ThrowIfNull(testMethod);
        AllocOptions options;
        try
        {
            options = AllocOptionsLayering.ForTest(testMethod.MethodInfo, testMethod.MethodInfo.ReflectedType ?? testMethod.MethodInfo.DeclaringType!);
        }
        catch (InvalidOperationException invalidSetting)
        {
            return [new TestResult { Outcome = UnitTestOutcome.Failed, TestFailureException = invalidSetting }];
        }

        TestResult[] results = [];
        AllocInfo info = await Allocs.RecordAsync(async () => results = await execute(testMethod).ConfigureAwait(false), options).ConfigureAwait(false);
        foreach (TestResult result in results)
        {
            Judge(result, info);
        }
        return results;
    }

    private static void Judge(TestResult result, AllocInfo info)
    {
        UnitTestOutcome outcome = OutcomeOf(result);
        bool failed = outcome == UnitTestOutcome.Failed;
        if (!failed && outcome != UnitTestOutcome.Passed)
        {
            return;
        }
        if (TestVerdict.Failure(info, failed) is not { } failure)
        {
            return;
        }
        Exception? own = result.TestFailureException;
        result.Outcome = UnitTestOutcome.Failed;
        result.TestFailureException = failure;
        // Depending on the MSTest version the setter replaces or accumulates; both exceptions must show.
        if (own is not null && ReferenceEquals(result.TestFailureException, failure))
        {
            result.TestFailureException = new AggregateException(own, failure);
        }
    }

    /// <summary>
    /// The test's real outcome. MSTest 4.0 reports a timed-out test as <see cref="UnitTestOutcome.Failed"/> and keeps
    /// <see cref="UnitTestOutcome.Timeout"/> on its failure exception (the adapter's TestFailedException, whose
    /// public <c>Outcome</c> property is read here); later versions set the result's outcome itself.
    /// </summary>
    private static UnitTestOutcome OutcomeOf(TestResult result) =>
        result.Outcome == UnitTestOutcome.Failed
        && result.TestFailureException?.GetType().GetProperty("Outcome")?.GetValue(result.TestFailureException) is UnitTestOutcome reported
            ? reported
            : result.Outcome;
}
