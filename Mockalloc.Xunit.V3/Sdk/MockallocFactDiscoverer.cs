using Xunit.Sdk;
using Xunit.v3;

namespace Mockalloc.Sdk.XunitV3;

/// <summary>Discovers <c>[MockallocFact]</c> tests: a <see cref="FactDiscoverer"/> whose test cases run as Mockalloc regions.</summary>
public sealed class MockallocFactDiscoverer : FactDiscoverer
{
    /// <inheritdoc/>
    protected override IXunitTestCase CreateTestCase(ITestFrameworkDiscoveryOptions discoveryOptions, IXunitTestMethod testMethod, IFactAttribute factAttribute)
    {
        ArgumentNullException.ThrowIfNull(testMethod);
        var details = TestIntrospectionHelper.GetTestCaseDetails(discoveryOptions, testMethod, factAttribute);
        return new MockallocTestCase(
            details.ResolvedTestMethod, details.TestCaseDisplayName, details.UniqueID, details.Explicit, details.SkipExceptions,
            details.SkipReason, details.SkipType, details.SkipUnless, details.SkipWhen, TraitCopy.ToMutable(testMethod.Traits),
            sourceFilePath: details.SourceFilePath, sourceLineNumber: details.SourceLineNumber, timeout: details.Timeout);
    }
}
