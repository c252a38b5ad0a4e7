using Xunit.Abstractions;
using Xunit.Sdk;

namespace Mockalloc.Sdk.Xunit;

/// <summary>Discovers <c>[MockallocFact]</c> tests: a <see cref="FactDiscoverer"/> whose test cases run as Mockalloc regions.</summary>
public sealed class MockallocFactDiscoverer : FactDiscoverer
{
    /// <summary>Creates the discoverer; xUnit calls this.</summary>
    /// <param name="diagnosticMessageSink">Where diagnostics go.</param>
    public MockallocFactDiscoverer(IMessageSink diagnosticMessageSink)
        : base(diagnosticMessageSink)
    {
    }

    /// <inheritdoc/>
    protected override IXunitTestCase CreateTestCase(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        new MockallocTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
}
