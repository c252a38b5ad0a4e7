using Mockalloc.Internal;

namespace Mockalloc.TestAttributes.Tests.Layering;

public class AllocOptionsLayeringTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Fact]
    public void No_layer_gives_the_built_in_options()
    {
        AllocOptions options = AllocOptionsLayering.Resolve(null, null, null, NoEnvironment);

        Assert.False(options.AllowNoData);
        Assert.Null(options.MaxManagedBytes);
        Assert.Null(options.MaxAllocations);
        Assert.Null(options.MaxPeakBytes);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Each_attribute_layer_alone_sets_every_knob(int layer)
    {
        AllocKnobs knobs = Knobs(allowNoData: true, managed: 1, allocations: 2, peak: 3);
        AllocOptions options = AllocOptionsLayering.Resolve(layer == 0 ? knobs : null, layer == 1 ? knobs : null, layer == 2 ? knobs : null, NoEnvironment);

        Assert.True(options.AllowNoData);
        Assert.Equal(1, options.MaxManagedBytes);
        Assert.Equal(2, options.MaxAllocations);
        Assert.Equal(3, options.MaxPeakBytes);
    }

    [Fact]
    public void The_environment_alone_sets_every_knob()
    {
        AllocOptions options = AllocOptionsLayering.Resolve(null, null, null, Environment(
            ("MOCKALLOC_ALLOW_NO_DATA", "1"), ("MOCKALLOC_MAX_MANAGED_BYTES", "1"), ("MOCKALLOC_MAX_ALLOCATIONS", "2"), ("MOCKALLOC_MAX_PEAK_BYTES", "3")));

        Assert.True(options.AllowNoData);
        Assert.Equal(1, options.MaxManagedBytes);
        Assert.Equal(2, options.MaxAllocations);
        Assert.Equal(3, options.MaxPeakBytes);
    }

    [Fact]
    public void Tracing_knobs_layer_like_every_flag()
    {
        var traceMethod = new AllocKnobs();
        traceMethod.SetFlag(nameof(AllocOptions.Tracing), true);
        traceMethod.SetFlag(nameof(AllocOptions.TraceStacks), true);
        var quietClass = new AllocKnobs();
        quietClass.SetFlag(nameof(AllocOptions.Tracing), false);
        Func<string, string?> tracingEnvironment = Environment(("MOCKALLOC_TRACING", "1"));

        Assert.False(AllocOptionsLayering.Resolve(null, null, null, NoEnvironment).Tracing);
        Assert.True(AllocOptionsLayering.Resolve(null, null, null, tracingEnvironment).Tracing);
        Assert.False(AllocOptionsLayering.Resolve(null, quietClass, null, tracingEnvironment).Tracing);
        AllocOptions fromMethod = AllocOptionsLayering.Resolve(traceMethod, quietClass, null, NoEnvironment);
        Assert.True(fromMethod.Tracing);
        Assert.True(fromMethod.TraceStacks);
    }

    [Fact]
    public void Method_beats_class_beats_assembly_beats_environment()
    {
        Func<string, string?> environment = Environment(("MOCKALLOC_MAX_ALLOCATIONS", "40"), ("MOCKALLOC_MAX_PEAK_BYTES", "40"), ("MOCKALLOC_MAX_MANAGED_BYTES", "40"), ("MOCKALLOC_ALLOW_NO_DATA", "1"));
        AllocKnobs method = Knobs(allocations: 10);
        AllocKnobs @class = Knobs(allocations: 20, peak: 20);
        AllocKnobs assembly = Knobs(allocations: 30, peak: 30, managed: 30);

        AllocOptions options = AllocOptionsLayering.Resolve(method, @class, assembly, environment);

        Assert.Equal(10, options.MaxAllocations);
        Assert.Equal(20, options.MaxPeakBytes);
        Assert.Equal(30, options.MaxManagedBytes);
        Assert.True(options.AllowNoData);
    }

    [Fact]
    public void A_false_flag_on_a_higher_layer_beats_a_true_one_below()
    {
        AllocOptions options = AllocOptionsLayering.Resolve(Knobs(allowNoData: false), Knobs(allowNoData: true), null, NoEnvironment);

        Assert.False(options.AllowNoData);
    }

    [Fact]
    public void A_negative_budget_on_a_higher_layer_removes_a_budget_set_below()
    {
        AllocOptions options = AllocOptionsLayering.Resolve(null, Knobs(allocations: -1), Knobs(allocations: 3), Environment(("MOCKALLOC_MAX_ALLOCATIONS", "5")));

        Assert.Null(options.MaxAllocations);
    }

    [Fact]
    public void A_knob_set_by_an_attribute_does_not_read_its_environment_variable()
    {
        AllocOptions options = AllocOptionsLayering.Resolve(null, null, Knobs(allocations: 3), Environment(("MOCKALLOC_MAX_ALLOCATIONS", "not a number")));

        Assert.Equal(3, options.MaxAllocations);
    }

    [Theory]
    [InlineData("AllowNoData", "MOCKALLOC_ALLOW_NO_DATA")]
    [InlineData("MaxManagedBytes", "MOCKALLOC_MAX_MANAGED_BYTES")]
    [InlineData("MaxAllocations", "MOCKALLOC_MAX_ALLOCATIONS")]
    [InlineData("MaxPeakBytes", "MOCKALLOC_MAX_PEAK_BYTES")]
    [InlineData("Tracing", "MOCKALLOC_TRACING")]
    public void Environment_names_are_the_knob_names_in_upper_snake_case(string knob, string variable) =>
        Assert.Equal(variable, AllocOptionsLayering.EnvironmentName(knob));

    [Theory]
    [InlineData("1", true)]
    [InlineData("true", true)]
    [InlineData(" ON ", true)]
    [InlineData("yes", true)]
    [InlineData("0", false)]
    [InlineData("False", false)]
    [InlineData("off", false)]
    [InlineData("", false)]
    public void Environment_flags_read_the_usual_spellings(string text, bool expected)
    {
        AllocOptions options = AllocOptionsLayering.Resolve(null, null, null, Environment(("MOCKALLOC_ALLOW_NO_DATA", text)));

        Assert.Equal(expected, options.AllowNoData);
    }

    [Theory]
    [InlineData("1000", 1000L)]
    [InlineData("1,000", 1000L)]
    [InlineData("0", 0L)]
    [InlineData("none", null)]
    [InlineData("-1", null)]
    [InlineData("  ", null)]
    public void Environment_budgets_read_numbers_and_none(string text, long? expected)
    {
        AllocOptions options = AllocOptionsLayering.Resolve(null, null, null, Environment(("MOCKALLOC_MAX_PEAK_BYTES", text)));

        Assert.Equal(expected, options.MaxPeakBytes);
    }

    [Theory]
    [InlineData("MOCKALLOC_ALLOW_NO_DATA", "maybe")]
    [InlineData("MOCKALLOC_MAX_MANAGED_BYTES", "lots")]
    public void An_invalid_environment_value_names_the_variable_and_the_fix(string variable, string text)
    {
        var error = Assert.Throws<InvalidOperationException>(() => AllocOptionsLayering.Resolve(null, null, null, Environment((variable, text))));

        Assert.Contains($"{variable}='{text}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("unset it", error.Message, StringComparison.Ordinal);
    }

    private static AllocKnobs Knobs(bool? allowNoData = null, long? managed = null, long? allocations = null, long? peak = null)
    {
        var knobs = new AllocKnobs();
        if (allowNoData is { } flag)
        {
            knobs.SetFlag(nameof(AllocOptions.AllowNoData), flag);
        }
        if (managed is { } m)
        {
            knobs.Set(nameof(AllocOptions.MaxManagedBytes), m);
        }
        if (allocations is { } a)
        {
            knobs.Set(nameof(AllocOptions.MaxAllocations), a);
        }
        if (peak is { } p)
        {
            knobs.Set(nameof(AllocOptions.MaxPeakBytes), p);
        }
        return knobs;
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;
}
