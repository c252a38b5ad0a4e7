using Xunit.Abstractions;
using Xunit.Sdk;

namespace Mockalloc.Sdk.Xunit;

/// <summary>
/// Discovers <c>[MockallocTheory]</c> tests: a <see cref="TheoryDiscoverer"/> whose data rows run as Mockalloc
/// regions, both the rows enumerated at discovery (serializable data) and those enumerated at run time
/// (non-serializable data, or pre-enumeration switched off).
/// </summary>
public sealed class MockallocTheoryDiscoverer : TheoryDiscoverer
{
    /// <summary>Creates the discoverer; xUnit calls this.</summary>
    /// <param name="diagnosticMessageSink">Where diagnostics go.</param>
    public MockallocTheoryDiscoverer(IMessageSink diagnosticMessageSink)
        : base(diagnosticMessageSink)
    {
    }

    /// <inheritdoc/>
    protected override IEnumerable<IXunitTestCase> CreateTestCasesForDataRow(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute, object[] dataRow) =>
        [new MockallocTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, dataRow)];

    /// <inheritdoc/>
    protected override IEnumerable<IXunitTestCase> CreateTestCasesForTheory(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute) =>
        [new MockallocTheoryTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod)];
}
