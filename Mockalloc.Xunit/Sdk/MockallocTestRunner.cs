using System.Reflection;
using Mockalloc.Internal;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Mockalloc.Sdk.Xunit;

/// <summary>
/// Runs one test as a Mockalloc region: an <see cref="XunitTestRunner"/> that records the whole
/// <see cref="MockallocTestInvoker"/> (class construction, <c>IAsyncLifetime</c>, before/after attributes, the
/// test method, disposal) and adds the region's verdict to the test's exceptions.
/// </summary>
public sealed class MockallocTestRunner : XunitTestRunner
{
    /// <summary>Creates the runner.</summary>
    /// <param name="test">The test.</param>
    /// <param name="messageBus">Where results go.</param>
    /// <param name="testClass">The test class.</param>
    /// <param name="constructorArguments">The test class's constructor arguments.</param>
    /// <param name="testMethod">The test method.</param>
    /// <param name="testMethodArguments">The data row, or null.</param>
    /// <param name="skipReason">Why the test is skipped, or null.</param>
    /// <param name="beforeAfterAttributes">The test's before/after attributes.</param>
    /// <param name="aggregator">Collects the test's exceptions.</param>
    /// <param name="cancellationTokenSource">Cancels the run.</param>
    public MockallocTestRunner(ITest test, IMessageBus messageBus, Type testClass, object[] constructorArguments, MethodInfo testMethod, object[] testMethodArguments, string skipReason, IReadOnlyList<BeforeAfterTestAttribute> beforeAfterAttributes, ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource)
        : base(test, messageBus, testClass, constructorArguments, testMethod, testMethodArguments, skipReason, beforeAfterAttributes, aggregator, cancellationTokenSource)
    {
    }

    /// <inheritdoc/>
    protected override async Task<decimal> InvokeTestMethodAsync(ExceptionAggregator aggregator)
    {
        AllocOptions options;
        try
        {
            options = AllocOptionsLayering.ForTest(TestMethod, TestClass);
        }
        catch (InvalidOperationException invalidSetting)
        {
            aggregator.Add(invalidSetting);
            return 0m;
        }

        decimal executionTime = 0m;
        AllocInfo info = await Allocs.RecordAsync(async () => executionTime = await Invoke(aggregator), options);
        Exception? own = aggregator.ToException();
        bool judged = !CancellationTokenSource.IsCancellationRequested && !IsTimeout(own);
        if (judged && TestVerdict.Failure(info, own is not null) is { } failure)
        {
            aggregator.Add(failure);
        }
        return executionTime;
    }

    // A timed-out test's body may still be running: its allocations are not a verdict.
    private static bool IsTimeout(Exception? exception) =>
        exception is TestTimeoutException || (exception is AggregateException all && all.InnerExceptions.Any(e => e is TestTimeoutException));

    private Task<decimal> Invoke(ExceptionAggregator aggregator) =>
        new MockallocTestInvoker(Test, MessageBus, TestClass, ConstructorArguments, TestMethod, TestMethodArguments, BeforeAfterAttributes, aggregator, CancellationTokenSource).RunAsync();
}
