using Xunit;
using Xunit.Sdk;
using Xunit.v3;

namespace Mockalloc.Sdk.XunitV3;

/// <summary>
/// Discovers <c>[MockallocTheory]</c> tests: a <see cref="TheoryDiscoverer"/> whose data rows run as Mockalloc
/// regions, both the rows enumerated at discovery (serializable data) and those enumerated at run time
/// (non-serializable data, or pre-enumeration switched off), which without this would run unrecorded.
/// </summary>
public sealed class MockallocTheoryDiscoverer : TheoryDiscoverer
{
    /// <inheritdoc/>
    protected override ValueTask<IReadOnlyCollection<IXunitTestCase>> CreateTestCasesForDataRow(ITestFrameworkDiscoveryOptions discoveryOptions, IXunitTestMethod testMethod, ITheoryAttribute theoryAttribute, ITheoryDataRow dataRow, object?[] testMethodArguments)
    {
        ArgumentNullException.ThrowIfNull(dataRow);
        var details = TestIntrospectionHelper.GetTestCaseDetailsForTheoryDataRow(discoveryOptions, testMethod, theoryAttribute, dataRow, testMethodArguments);
        var testCase = new MockallocTestCase(
            details.ResolvedTestMethod, details.TestCaseDisplayName, details.UniqueID, details.Explicit, details.SkipExceptions,
            details.SkipReason, details.SkipType, details.SkipUnless, details.SkipWhen, TestIntrospectionHelper.GetTraits(testMethod, dataRow),
            testMethodArguments, sourceFilePath: details.SourceFilePath, sourceLineNumber: details.SourceLineNumber, timeout: details.Timeout);
        return new([testCase]);
    }

    /// <inheritdoc/>
    protected override ValueTask<IReadOnlyCollection<IXunitTestCase>> CreateTestCasesForTheory(ITestFrameworkDiscoveryOptions discoveryOptions, IXunitTestMethod testMethod, ITheoryAttribute theoryAttribute)
    {
        ArgumentNullException.ThrowIfNull(testMethod);
        ArgumentNullException.ThrowIfNull(theoryAttribute);
        var details = TestIntrospectionHelper.GetTestCaseDetails(discoveryOptions, testMethod, theoryAttribute);
        // A theory skipped outright never enumerates its data: a plain (never run) test case, as xUnit does.
        IXunitTestCase testCase = details.SkipReason is not null && details.SkipUnless is null && details.SkipWhen is null
            ? new MockallocTestCase(
                details.ResolvedTestMethod, details.TestCaseDisplayName, details.UniqueID, details.Explicit, details.SkipExceptions,
                details.SkipReason, details.SkipType, details.SkipUnless, details.SkipWhen, TraitCopy.ToMutable(testMethod.Traits),
                sourceFilePath: details.SourceFilePath, sourceLineNumber: details.SourceLineNumber, timeout: details.Timeout)
            : new MockallocDelayEnumeratedTheoryTestCase(
                details.ResolvedTestMethod, details.TestCaseDisplayName, details.UniqueID, details.Explicit, theoryAttribute.SkipTestWithoutData,
                details.SkipExceptions, details.SkipReason, details.SkipType, details.SkipUnless, details.SkipWhen,
                TraitCopy.ToMutable(testMethod.Traits),
                sourceFilePath: details.SourceFilePath, sourceLineNumber: details.SourceLineNumber, timeout: details.Timeout);
        return new([testCase]);
    }
}
