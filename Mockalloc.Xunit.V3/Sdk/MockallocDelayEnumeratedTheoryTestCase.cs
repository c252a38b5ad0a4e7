using System.ComponentModel;
using Xunit.Sdk;
using Xunit.v3;

namespace Mockalloc.Sdk.XunitV3;

/// <summary>A theory whose data rows are enumerated at run time, each row run as a Mockalloc region.</summary>
public sealed class MockallocDelayEnumeratedTheoryTestCase : XunitDelayEnumeratedTheoryTestCase, ISelfExecutingXunitTestCase
{
    /// <summary>For the deserializer only.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes", error: true)]
    public MockallocDelayEnumeratedTheoryTestCase()
    {
    }

    /// <summary>Creates the test case; the parameters are those of <see cref="XunitDelayEnumeratedTheoryTestCase"/>.</summary>
    /// <param name="testMethod">The test method.</param>
    /// <param name="testCaseDisplayName">The display name.</param>
    /// <param name="uniqueID">The unique ID.</param>
    /// <param name="explicit">Whether the test runs only when asked for explicitly.</param>
    /// <param name="skipTestWithoutData">Whether a theory without data is skipped rather than failed.</param>
    /// <param name="skipExceptions">Exceptions that skip the test dynamically.</param>
    /// <param name="skipReason">Why the test is skipped, or null.</param>
    /// <param name="skipType">The type holding <paramref name="skipUnless"/> or <paramref name="skipWhen"/>.</param>
    /// <param name="skipUnless">A property that must be true for the test to run.</param>
    /// <param name="skipWhen">A property that skips the test when true.</param>
    /// <param name="traits">The test's traits.</param>
    /// <param name="sourceFilePath">The test's source file.</param>
    /// <param name="sourceLineNumber">The test's source line.</param>
    /// <param name="timeout">The timeout in milliseconds, or null.</param>
    public MockallocDelayEnumeratedTheoryTestCase(IXunitTestMethod testMethod, string testCaseDisplayName, string uniqueID, bool @explicit, bool skipTestWithoutData, Type[]? skipExceptions = null, string? skipReason = null, Type? skipType = null, string? skipUnless = null, string? skipWhen = null, Dictionary<string, HashSet<string>>? traits = null, string? sourceFilePath = null, int? sourceLineNumber = null, int? timeout = null)
        : base(testMethod, testCaseDisplayName, uniqueID, @explicit, skipTestWithoutData, skipExceptions, skipReason, skipType, skipUnless, skipWhen, traits, sourceFilePath, sourceLineNumber, timeout)
    {
    }

    /// <inheritdoc/>
    public ValueTask<RunSummary> Run(ExplicitOption explicitOption, IMessageBus messageBus, object?[] constructorArguments, ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource) =>
        MockallocTestCaseRunner.RunTestCase(this, messageBus, cancellationTokenSource, aggregator, explicitOption, constructorArguments);
}
