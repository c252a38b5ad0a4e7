using Mockalloc.Internal;

namespace Mockalloc;

/// <summary>
/// Sets the allocation-checking knobs for every Mockalloc test of an assembly
/// (<c>[assembly: MockallocDefaults(...)]</c>) or of a test class.
/// </summary>
/// <remarks>
/// <para>Precedence, highest first: the test attribute on the method (<c>[MockallocFact]</c>,
/// <c>[MockallocTheory]</c>, <c>[MockallocTestMethod]</c>), this attribute on the test class (or a base
/// class), this attribute on the assembly, the environment (<c>MOCKALLOC_ALLOW_NO_DATA</c>, <c>MOCKALLOC_TRACING</c>, <c>MOCKALLOC_TRACE_STACKS</c>,
/// <c>MOCKALLOC_MAX_MANAGED_BYTES</c>, <c>MOCKALLOC_MAX_ALLOCATIONS</c>, <c>MOCKALLOC_MAX_PEAK_BYTES</c>),
/// then <see cref="AllocOptions.Default"/>. A property that is not set inherits from the layer below.</para>
/// <para>On a class hierarchy the attributes merge knob by knob: a property set on a derived class wins over
/// the same property on a base class, and a property the derived class leaves unset comes from the base.</para>
/// <para>Budgets are <see cref="long"/> because attributes cannot take <c>long?</c>: a negative value means
/// "no budget", which also overrides a budget set by a lower layer.</para>
/// </remarks>
[AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed partial class MockallocDefaultsAttribute : Attribute, IAllocKnobSource
{
}
