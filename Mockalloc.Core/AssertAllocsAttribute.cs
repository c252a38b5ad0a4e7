using Mockalloc.Internal;

namespace Mockalloc;

/// <summary>
/// Makes every call of the method a region that throws <see cref="AllocException"/> when it finds an allocation
/// bug, as if its body were passed to <see cref="Allocs.Assert"/> (or, for a method that returns a
/// <see cref="Task"/> or <see cref="ValueTask"/>, to <see cref="Allocs.AssertAsync"/>). Takes effect in an
/// assembly woven by Mockalloc.Fody (docs/weaver.md); without the weaver the attribute does nothing.
/// </summary>
/// <remarks>
/// <para>A synchronous body's region ends when it returns; a <see cref="Task"/>- or <see cref="ValueTask"/>-returning
/// method's region ends when the returned task completes, not at its first await. When the body throws (or its
/// task faults), that exception propagates unchanged and no allocation error is reported.</para>
/// <para>The knobs are those of <see cref="MockallocDefaultsAttribute"/>, with the same precedence: a knob set here
/// wins over <see cref="MockallocDefaultsAttribute"/> on the class and the assembly, then the environment.</para>
/// <para>The weaver refuses the attribute on abstract methods (no body), <c>async void</c> methods (nothing tells
/// when they end) and iterators (their body runs after the method returns).</para>
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed partial class AssertAllocsAttribute : Attribute, IAllocKnobSource
{
}
