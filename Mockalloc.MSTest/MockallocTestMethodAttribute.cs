using System.Runtime.CompilerServices;
using Mockalloc;
using Mockalloc.Internal;
using Mockalloc.Sdk.MSTest;

namespace Microsoft.VisualStudio.TestTools.UnitTesting;

/// <summary>
/// A <see cref="TestMethodAttribute"/> whose test is a Mockalloc region: the test fails when it leaks,
/// double frees or misuses tracked memory, GC handles or pooled buffers.
/// </summary>
/// <remarks>
/// <para><b>The region</b> is the test's own lifecycle: the test class's constructor, <c>[TestInitialize]</c>,
/// the test method (awaited when it returns <see cref="Task"/> or <see cref="ValueTask"/>, across awaits and
/// thread hops), <c>[TestCleanup]</c>, and <c>DisposeAsync</c>/<c>Dispose</c> of that test's class
/// instance. <c>[ClassInitialize]</c>, <c>[AssemblyInitialize]</c> and their cleanups are not part of it.
/// With <c>[DataRow]</c> or <c>[DynamicData]</c>, each row is its own region.</para>
/// <para><b>Failures.</b> An allocation bug fails a passing test with the engine's message
/// (<see cref="AllocException"/>). When the test also fails for its own reason, both exceptions are
/// reported, except that a NoData verdict is dropped then (a failed test may have stopped before its
/// first allocation). Tests that end inconclusive, ignored, timed out or aborted are not judged.</para>
/// <para><b>Knobs</b> (<see cref="AllowNoData"/>, <see cref="MaxManagedBytes"/>, <see cref="MaxAllocations"/>,
/// <see cref="MaxPeakBytes"/>) set here win over <see cref="MockallocDefaultsAttribute"/> on the class,
/// then on the assembly, then the <c>MOCKALLOC_*</c> environment variables, then the built-in defaults.
/// A knob not set here inherits. <see cref="TestMethodAttribute.DisplayName"/>, <c>[Timeout]</c>,
/// <c>[Ignore]</c> and the data attributes work as usual.</para>
/// </remarks>
/// <param name="callerFilePath">Filled in by the compiler; MSTest uses it to locate the test.</param>
/// <param name="callerLineNumber">Filled in by the compiler; MSTest uses it to locate the test.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed partial class MockallocTestMethodAttribute([CallerFilePath] string callerFilePath = "", [CallerLineNumber] int callerLineNumber = -1)
    : TestMethodAttribute(callerFilePath, callerLineNumber), IAllocKnobSource
{

    /// <summary>Runs the test (one data row) as a Mockalloc region and adds the region's verdict to its result.</summary>
    /// <param name="testMethod">The test method, bound to its data row if it has one.</param>
    /// <returns>The test's results.</returns>
    public override Task<TestResult[]> ExecuteAsync(ITestMethod testMethod) => RegionExecutor.ExecuteAsync(testMethod, base.ExecuteAsync);
}
