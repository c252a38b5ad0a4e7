namespace Mockalloc;

/// <summary>How a region judges what it recorded.</summary>
/// <remarks>
/// Budgets are checked after the bug classes: a region with a bug reports the bug, not the budget.
/// A null budget means none.
/// </remarks>
public sealed class AllocOptions
{
    private readonly long? _maxManagedBytes;
    private readonly long? _maxAllocations;
    private readonly long? _maxPeakBytes;
    private readonly bool? _tracing;

    /// <summary>Options with nothing set: no budgets, NoData is an error, tracing as the environment says.</summary>
    public AllocOptions()
    {
    }

    private AllocOptions(AllocOptions other, string regionName)
    {
        _maxManagedBytes = other._maxManagedBytes;
        _maxAllocations = other._maxAllocations;
        _maxPeakBytes = other._maxPeakBytes;
        _tracing = other._tracing;
        AllowNoData = other.AllowNoData;
        TraceStacks = other.TraceStacks;
        RegionName = regionName;
    }

    /// <summary>The built-in options: no budgets, and NoData is an error.</summary>
    public static AllocOptions Default { get; } = new();

    /// <summary>
    /// When true, the region also keeps, per live allocation, its size, family and call site, and reports
    /// every leak with where it was allocated and where blocks from the same site were released, and every
    /// bad release with both sites (<see cref="AllocInfo.Trace"/>, and the failure message). Never changes the
    /// verdict. Costs a lock and a dictionary entry per event. When not set, the environment decides:
    /// <c>MOCKALLOC_TRACING=1</c> turns it on for a rerun without code changes.
    /// </summary>
    /// <exception cref="InvalidOperationException">Not set, and <c>MOCKALLOC_TRACING</c> holds something that is not a flag.</exception>
    public bool Tracing
    {
        get => _tracing ?? EnvironmentTracing;
        init => _tracing = value;
    }

    /// <summary>
    /// With <see cref="Tracing"/>, also capture the full stack of every acquisition and release (costs
    /// microseconds per event; sites alone cost an integer).
    /// </summary>
    public bool TraceStacks { get; init; }

    /// <summary>
    /// When true, a region that saw no tracked acquisition or release passes instead of failing with
    /// <see cref="AllocError.NoData"/>. Use it for code paths that legitimately allocate nothing, or to
    /// check only the managed budget.
    /// </summary>
    public bool AllowNoData { get; init; }

    /// <summary>
    /// The most managed (GC heap) bytes the region's flow may allocate, or null for no limit.
    /// Exceeding it gives <see cref="AllocError.OverBudget"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public long? MaxManagedBytes
    {
        get => _maxManagedBytes;
        init => _maxManagedBytes = CheckBudget(value);
    }

    /// <summary>The most tracked acquisitions the region may make, or null for no limit.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public long? MaxAllocations
    {
        get => _maxAllocations;
        init => _maxAllocations = CheckBudget(value);
    }

    /// <summary>The most tracked bytes the region may hold at once, or null for no limit.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public long? MaxPeakBytes
    {
        get => _maxPeakBytes;
        init => _maxPeakBytes = CheckBudget(value);
    }

    /// <summary>What failure messages call the region (a test's name); derived from the body when null.</summary>
    internal string? RegionName { get; private init; }

    /// <summary>These options under another region name.</summary>
    internal AllocOptions WithRegionName(string name) => new(this, name);

    private static bool EnvironmentTracing =>
        Internal.AllocOptionsLayering.EnvironmentFlag(nameof(Tracing), Environment.GetEnvironmentVariable) ?? false;

    private static long? CheckBudget(long? value, [System.Runtime.CompilerServices.CallerMemberName] string name = "")
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(name, value, "A budget must be zero or more; use null for no budget.");
        }
        return value;
    }
}
