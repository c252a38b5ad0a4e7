namespace Mockalloc.Internal;

/// <summary>
/// An attribute that sets knobs for a test: the framework test attributes
/// (<c>[MockallocFact]</c>, <c>[MockallocTheory]</c>, <c>[MockallocTestMethod]</c>) and
/// <see cref="MockallocDefaultsAttribute"/>.
/// </summary>
internal interface IAllocKnobSource
{
    /// <summary>The knobs the attribute sets; the ones it leaves unset inherit.</summary>
    AllocKnobs Knobs { get; }
}
