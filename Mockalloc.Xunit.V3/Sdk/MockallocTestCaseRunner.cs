using Xunit.Sdk;
using Xunit.v3;

namespace Mockalloc.Sdk.XunitV3;

/// <summary>Runs the tests of a Mockalloc test case: an <see cref="XunitTestCaseRunner"/> whose test runner records a region.</summary>
public sealed class MockallocTestCaseRunner : XunitTestCaseRunner
{
    private MockallocTestCaseRunner()
    {
    }

    /// <summary>The runner.</summary>
    public static new MockallocTestCaseRunner Instance { get; } = new();

    /// <summary>
    /// Creates the test case's tests (enumerating theory data when it was not enumerated at discovery) and
    /// runs them, as xUnit's <c>XunitRunnerHelper.RunXunitTestCase</c> does with its own runner.
    /// </summary>
    /// <param name="testCase">The test case.</param>
    /// <param name="messageBus">Where results go.</param>
    /// <param name="cancellationTokenSource">Cancels the run.</param>
    /// <param name="aggregator">Collects the test case's exceptions.</param>
    /// <param name="explicitOption">How explicit tests are treated.</param>
    /// <param name="constructorArguments">The test class's constructor arguments.</param>
    /// <returns>The run's summary.</returns>
    public static async ValueTask<RunSummary> RunTestCase(IXunitTestCase testCase, IMessageBus messageBus, CancellationTokenSource cancellationTokenSource, ExceptionAggregator aggregator, ExplicitOption explicitOption, object?[] constructorArguments)
    {
        ArgumentNullException.ThrowIfNull(testCase);
        IReadOnlyCollection<IXunitTest> tests = await aggregator.RunAsync(testCase.CreateTests, []);
        if (aggregator.ToException() is { } error)
        {
            if (error.Message?.StartsWith(DynamicSkipToken.Value, StringComparison.Ordinal) == true)
            {
                return XunitRunnerHelper.SkipTestCases(messageBus, cancellationTokenSource, [testCase], error.Message[DynamicSkipToken.Value.Length..], sendTestCaseMessages: false);
            }
            if (testCase.SkipExceptions?.Contains(error.GetType()) == true)
            {
                string reason = string.IsNullOrEmpty(error.Message) ? $"Exception of type '{error.GetType().FullName}' was thrown" : error.Message;
                return XunitRunnerHelper.SkipTestCases(messageBus, cancellationTokenSource, [testCase], reason, sendTestCaseMessages: false);
            }
            return XunitRunnerHelper.FailTestCases(messageBus, cancellationTokenSource, [testCase], error, sendTestCaseMessages: false);
        }
        return await Instance.Run(testCase, tests, messageBus, aggregator, cancellationTokenSource, testCase.TestCaseDisplayName, testCase.SkipReason, explicitOption, constructorArguments);
    }

    /// <inheritdoc/>
    protected override ValueTask<RunSummary> RunTest(XunitTestCaseRunnerContext ctxt, IXunitTest test)
    {
        ArgumentNullException.ThrowIfNull(ctxt);
        return MockallocTestRunner.Instance.Run(test, ctxt.MessageBus, ctxt.ConstructorArguments, ctxt.ExplicitOption, ctxt.Aggregator.Clone(), ctxt.CancellationTokenSource, ctxt.BeforeAfterTestAttributes);
    }
}
