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
public sealed class MockallocTheoryAttribute : TheoryAttribute, IAllocKnobSource
{
    private readonly AllocKnobs _knobs = new();

    /// <summary>When true, a test that saw no tracked allocation passes instead of failing with NoData.</summary>
    /// <remarks>See <see cref="AllocOptions.AllowNoData"/>. Reads false when not set; when not set, it inherits.</remarks>
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

    /// <summary>The most managed bytes the test may allocate; negative for no budget.</summary>
    /// <remarks>See <see cref="AllocOptions.MaxManagedBytes"/>. Reads -1 when not set; when not set, it inherits.</remarks>
    public long MaxManagedBytes
    {
        get => _knobs.GetBudget(nameof(MaxManagedBytes));
        set => _knobs.Set(nameof(MaxManagedBytes), value);
    }

    /// <summary>The most tracked acquisitions the test may make; negative for no budget.</summary>
    /// <remarks>See <see cref="AllocOptions.MaxAllocations"/>. Reads -1 when not set; when not set, it inherits.</remarks>
    public long MaxAllocations
    {
        get => _knobs.GetBudget(nameof(MaxAllocations));
        set => _knobs.Set(nameof(MaxAllocations), value);
    }

    /// <summary>The most tracked bytes the test may hold at once; negative for no budget.</summary>
    /// <remarks>See <see cref="AllocOptions.MaxPeakBytes"/>. Reads -1 when not set; when not set, it inherits.</remarks>
    public long MaxPeakBytes
    {
        get => _knobs.GetBudget(nameof(MaxPeakBytes));
        set => _knobs.Set(nameof(MaxPeakBytes), value);
    }

    AllocKnobs IAllocKnobSource.Knobs => _knobs;
}
