using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Mockalloc.Sdk.Xunit;

/// <summary>Runs a <see cref="MockallocTestCase"/>: an <see cref="XunitTestCaseRunner"/> whose test runner records a region.</summary>
public sealed class MockallocTestCaseRunner : XunitTestCaseRunner
{
    /// <summary>Creates the runner.</summary>
    /// <param name="testCase">The test case.</param>
    /// <param name="displayName">The test's display name.</param>
    /// <param name="skipReason">Why the test is skipped, or null.</param>
    /// <param name="constructorArguments">The test class's constructor arguments.</param>
    /// <param name="testMethodArguments">The data row, or null.</param>
    /// <param name="messageBus">Where results go.</param>
    /// <param name="aggregator">Collects the test's exceptions.</param>
    /// <param name="cancellationTokenSource">Cancels the run.</param>
    public MockallocTestCaseRunner(IXunitTestCase testCase, string displayName, string skipReason, object[] constructorArguments, object[] testMethodArguments, IMessageBus messageBus, ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource)
        : base(testCase, displayName, skipReason, constructorArguments, testMethodArguments, messageBus, aggregator, cancellationTokenSource)
    {
    }

    /// <inheritdoc/>
    protected override XunitTestRunner CreateTestRunner(ITest test, IMessageBus messageBus, Type testClass, object[] constructorArguments, MethodInfo testMethod, object[] testMethodArguments, string skipReason, IReadOnlyList<BeforeAfterTestAttribute> beforeAfterAttributes, ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource) =>
        new MockallocTestRunner(test, messageBus, testClass, constructorArguments, testMethod, testMethodArguments, skipReason, beforeAfterAttributes, aggregator, cancellationTokenSource);
}
