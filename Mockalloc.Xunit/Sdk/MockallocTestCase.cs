using System.ComponentModel;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Mockalloc.Sdk.Xunit;

/// <summary>A fact, or one theory data row known at discovery, run as a Mockalloc region.</summary>
public sealed class MockallocTestCase : XunitTestCase
{
    /// <summary>For the deserializer only.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public MockallocTestCase()
    {
    }

    /// <summary>Creates the test case.</summary>
    /// <param name="diagnosticMessageSink">Where diagnostics go.</param>
    /// <param name="defaultMethodDisplay">How to display the method name.</param>
    /// <param name="defaultMethodDisplayOptions">How to display the method name.</param>
    /// <param name="testMethod">The test method.</param>
    /// <param name="testMethodArguments">The data row, or null for a fact.</param>
    public MockallocTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay defaultMethodDisplay, TestMethodDisplayOptions defaultMethodDisplayOptions, ITestMethod testMethod, object[]? testMethodArguments = null)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod, testMethodArguments)
    {
    }

    /// <inheritdoc/>
    public override Task<RunSummary> RunAsync(IMessageSink diagnosticMessageSink, IMessageBus messageBus, object[] constructorArguments, ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource) =>
        new MockallocTestCaseRunner(this, DisplayName, SkipReason, constructorArguments, TestMethodArguments, messageBus, aggregator, cancellationTokenSource).RunAsync();
}
