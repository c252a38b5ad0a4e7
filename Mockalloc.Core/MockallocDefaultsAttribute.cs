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
public sealed class MockallocDefaultsAttribute : Attribute, IAllocKnobSource
{
    private readonly AllocKnobs _knobs = new();

    /// <summary>When true, a test that saw no tracked allocation passes instead of failing with <see cref="AllocError.NoData"/>.</summary>
    /// <remarks>See <see cref="AllocOptions.AllowNoData"/>. Reads false when not set.</remarks>
    public bool AllowNoData
    {
        get => _knobs.GetFlag(nameof(AllowNoData));
        set => _knobs.SetFlag(nameof(AllowNoData), value);
    }

    /// <summary>When true, a failing test lists every leak and bad release with the lines that made them.</summary>
    /// <remarks>See <see cref="Mockalloc.AllocOptions.Tracing"/>; <c>MOCKALLOC_TRACING=1</c> sets it from the environment. Reads false when not set.</remarks>
    public bool Tracing
    {
        get => _knobs.GetFlag(nameof(Tracing));
        set => _knobs.SetFlag(nameof(Tracing), value);
    }

    /// <summary>With <see cref="Tracing"/>, also capture full stacks (microseconds per allocation).</summary>
    /// <remarks>See <see cref="Mockalloc.AllocOptions.TraceStacks"/>. Reads false when not set.</remarks>
    public bool TraceStacks
    {
        get => _knobs.GetFlag(nameof(TraceStacks));
        set => _knobs.SetFlag(nameof(TraceStacks), value);
    }

    /// <summary>The most managed bytes a test may allocate; negative for no budget.</summary>
    /// <remarks>See <see cref="AllocOptions.MaxManagedBytes"/>. Reads -1 when not set.</remarks>
    public long MaxManagedBytes
    {
        get => _knobs.GetBudget(nameof(MaxManagedBytes));
        set => _knobs.Set(nameof(MaxManagedBytes), value);
    }

    /// <summary>The most tracked acquisitions a test may make; negative for no budget.</summary>
    /// <remarks>See <see cref="AllocOptions.MaxAllocations"/>. Reads -1 when not set.</remarks>
    public long MaxAllocations
    {
        get => _knobs.GetBudget(nameof(MaxAllocations));
        set => _knobs.Set(nameof(MaxAllocations), value);
    }

    /// <summary>The most tracked bytes a test may hold at once; negative for no budget.</summary>
    /// <remarks>See <see cref="AllocOptions.MaxPeakBytes"/>. Reads -1 when not set.</remarks>
    public long MaxPeakBytes
    {
        get => _knobs.GetBudget(nameof(MaxPeakBytes));
        set => _knobs.Set(nameof(MaxPeakBytes), value);
    }

    AllocKnobs IAllocKnobSource.Knobs => _knobs;
}
