using Mockalloc;
using Mockalloc.Internal;
using Xunit.Sdk;

namespace Xunit;

/// <summary>
/// A <see cref="TheoryAttribute"/> whose every data row is a Mockalloc region: a row fails when it leaks, double
/// frees or misuses tracked memory, GC handles or pooled buffers.
/// </summary>
/// <remarks>
/// <para><b>The region</b> is, for each data row, the test's own lifecycle: the test class's constructor,
/// <c>IAsyncLifetime.InitializeAsync</c>, <c>BeforeAfterTestAttribute.Before</c>, the test method (awaited
/// when it returns a task, across awaits and thread hops), <c>After</c>, <c>IAsyncLifetime.DisposeAsync</c>
/// and <c>Dispose</c> of that test's class instance. Class, collection and assembly fixtures are not part
/// of it.</para>
/// <para><b>Failures.</b> An allocation bug fails the test with the engine's message
/// (<see cref="AllocException"/>). When the test also fails for its own reason, both exceptions are
/// reported, except that a NoData verdict is dropped then (a failed test may have stopped before its
/// first allocation). Skipped, timed-out and cancelled tests are not judged.</para>
/// <para><b>Knobs</b> (<see cref="AllowNoData"/>, <see cref="MaxManagedBytes"/>, <see cref="MaxAllocations"/>,
/// <see cref="MaxPeakBytes"/>) set here win over <see cref="MockallocDefaultsAttribute"/> on the class,
/// then on the assembly, then the <c>MOCKALLOC_*</c> environment variables, then the built-in defaults.
/// A knob not set here inherits. Every <see cref="TheoryAttribute"/> property (DisplayName, Skip, Timeout)
/// and data attribute (InlineData, MemberData, ClassData, with serializable or non-serializable rows) works as usual.</para>
/// </remarks>
[XunitTestCaseDiscoverer("Mockalloc.Sdk.Xunit.MockallocTheoryDiscoverer", "Mockalloc.Xunit")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed partial class MockallocTheoryAttribute : TheoryAttribute, IAllocKnobSource
{
}
