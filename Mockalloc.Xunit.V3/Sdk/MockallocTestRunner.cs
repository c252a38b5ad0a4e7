using Mockalloc.Internal;
using Xunit.Sdk;
using Xunit.v3;

namespace Mockalloc.Sdk.XunitV3;

/// <summary>
/// Runs one test as a Mockalloc region: an <see cref="XunitTestRunner"/> whose <c>RunTest</c> (class
/// construction, <c>IAsyncLifetime.InitializeAsync</c>, before/after attributes, the test method, disposal,
/// and the timeout wrapper) is recorded, and whose verdict is added to the test's exceptions.
/// </summary>
public sealed class MockallocTestRunner : XunitTestRunner
{
    private MockallocTestRunner()
    {
    }

    /// <summary>The runner.</summary>
    public static new MockallocTestRunner Instance { get; } = new();

    /// <inheritdoc/>
    protected override async ValueTask<TimeSpan> RunTest(XunitTestRunnerContext ctxt)
    {
        ArgumentNullException.ThrowIfNull(ctxt);
        AllocOptions options;
        try
        {
            options = AllocOptionsLayering.ForTest(ctxt.Test.TestMethod.Method, ctxt.Test.TestMethod.TestClass.Class);
        }
        catch (InvalidOperationException invalidSetting)
        {
            ctxt.Aggregator.Add(invalidSetting);
            return TimeSpan.Zero;
        }

        TimeSpan elapsed = TimeSpan.Zero;
        AllocInfo info = await Allocs.RecordAsync(async () => elapsed = await base.RunTest(ctxt), options);
        Exception? own = ctxt.Aggregator.ToException();
        bool judged = !ctxt.CancellationTokenSource.IsCancellationRequested && ctxt.GetSkipReason(own) is null && !IsTimeout(own);
        if (judged && TestVerdict.Failure(info, own is not null) is { } failure)
        {
            ctxt.Aggregator.Add(failure);
        }
        return elapsed;
    }

    private static bool IsTimeout(Exception? exception) =>
        exception is ITestTimeoutException || (exception is AggregateException all && all.InnerExceptions.Any(e => e is ITestTimeoutException));
}
