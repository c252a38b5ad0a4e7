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
public sealed class AssertAllocsAttribute : Attribute, IAllocKnobSource
{
    private readonly AllocKnobs _knobs = new();

    /// <summary>When true, a call that saw no tracked allocation passes instead of failing with <see cref="AllocError.NoData"/>.</summary>
    /// <remarks>See <see cref="AllocOptions.AllowNoData"/>. Reads false when not set.</remarks>
    public bool AllowNoData
    {
        get => _knobs.GetFlag(nameof(AllowNoData));
        set => _knobs.SetFlag(nameof(AllowNoData), value);
    }

    /// <summary>When true, a failing call lists every leak and bad release with the lines that made them.</summary>
    /// <remarks>See <see cref="AllocOptions.Tracing"/>. Reads false when not set.</remarks>
    public bool Tracing
    {
        get => _knobs.GetFlag(nameof(Tracing));
        set => _knobs.SetFlag(nameof(Tracing), value);
    }

    /// <summary>With <see cref="Tracing"/>, also capture full stacks (microseconds per allocation).</summary>
    /// <remarks>See <see cref="AllocOptions.TraceStacks"/>. Reads false when not set.</remarks>
    public bool TraceStacks
    {
        get => _knobs.GetFlag(nameof(TraceStacks));
        set => _knobs.SetFlag(nameof(TraceStacks), value);
    }

    /// <summary>The most managed bytes a call may allocate; negative for no budget.</summary>
    /// <remarks>See <see cref="AllocOptions.MaxManagedBytes"/>. Reads -1 when not set.</remarks>
    public long MaxManagedBytes
    {
        get => _knobs.GetBudget(nameof(MaxManagedBytes));
        set => _knobs.Set(nameof(MaxManagedBytes), value);
    }

    /// <summary>The most tracked acquisitions a call may make; negative for no budget.</summary>
    /// <remarks>See <see cref="AllocOptions.MaxAllocations"/>. Reads -1 when not set.</remarks>
    public long MaxAllocations
    {
        get => _knobs.GetBudget(nameof(MaxAllocations));
        set => _knobs.Set(nameof(MaxAllocations), value);
    }

    /// <summary>The most tracked bytes a call may hold at once; negative for no budget.</summary>
    /// <remarks>See <see cref="AllocOptions.MaxPeakBytes"/>. Reads -1 when not set.</remarks>
    public long MaxPeakBytes
    {
        get => _knobs.GetBudget(nameof(MaxPeakBytes));
        set => _knobs.Set(nameof(MaxPeakBytes), value);
    }

    AllocKnobs IAllocKnobSource.Knobs => _knobs;
}
