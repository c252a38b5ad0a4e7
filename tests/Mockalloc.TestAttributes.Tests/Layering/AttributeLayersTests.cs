using System.Reflection;
using MockallocTestMethodAttribute = Microsoft.VisualStudio.TestTools.UnitTesting.MockallocTestMethodAttribute;
using Mockalloc.Internal;

// The assembly layer read by these tests. It affects no test that runs: this project's own tests are plain [Fact]s.
[assembly: Mockalloc.MockallocDefaults(MaxPeakBytes = 4096, MaxAllocations = 2)]

namespace Mockalloc.TestAttributes.Tests.Layering;

/// <summary>Reads the layers from real attributes, the way the framework integrations do.</summary>
public class AttributeLayersTests
{
    [Fact]
    public void An_xunit_fact_beats_its_class_which_beats_the_assembly()
    {
        AllocOptions options = ForTest<SampleClass>(nameof(SampleClass.Fact));

        Assert.Equal(5, options.MaxAllocations);   // method (class says 1, assembly 2)
        Assert.True(options.AllowNoData);          // class
        Assert.Equal(4096, options.MaxPeakBytes);  // assembly
    }

    [Fact]
    public void An_xunit_theory_sets_knobs_too()
    {
        AllocOptions options = ForTest<SampleClass>(nameof(SampleClass.Theory));

        Assert.False(options.AllowNoData);
        Assert.Equal(1, options.MaxAllocations);
    }

    [Fact]
    public void An_mstest_method_sets_knobs_too()
    {
        AllocOptions options = ForTest<SampleClass>(nameof(SampleClass.TestMethod));

        Assert.Null(options.MaxPeakBytes);
        Assert.Equal(1, options.MaxAllocations);
    }

    [Fact]
    public void Class_defaults_are_inherited_by_derived_test_classes()
    {
        AllocOptions options = ForTest<DerivedSampleClass>(nameof(SampleClass.Theory));

        Assert.Equal(1, options.MaxAllocations);
    }

    [Fact]
    public void Class_defaults_merge_along_the_hierarchy_the_derived_class_winning_per_knob()
    {
        AllocOptions options = ForTest<OverridingSampleClass>(nameof(SampleClass.Theory));

        Assert.Equal(7, options.MaxAllocations);   // derived class (its base says 1, the assembly 2)
        Assert.Equal(64, options.MaxPeakBytes);    // derived class (the assembly says 4096)
        Assert.Null(options.MaxManagedBytes);      // middle class
        Assert.True(options.Tracing);              // middle class
    }

    [Fact]
    public void A_knob_no_derived_class_sets_comes_from_the_base_class()
    {
        AllocOptions options = ForTest<OverridingSampleClass>(nameof(SampleClass.Fact));

        Assert.True(options.AllowNoData);          // base class, through two classes that leave it unset
        Assert.Equal(5, options.MaxAllocations);   // method
    }

    [Fact]
    public void Without_class_defaults_the_assembly_layer_applies()
    {
        AllocOptions options = ForTest<UndecoratedSampleClass>(nameof(UndecoratedSampleClass.Fact));

        Assert.Equal(2, options.MaxAllocations);
        Assert.False(options.AllowNoData);
    }

    [Fact]
    public void Unset_attribute_properties_read_as_false_and_minus_one()
    {
        var defaults = new MockallocDefaultsAttribute();
        var fact = new Xunit.MockallocFactAttribute();
        var testMethod = new MockallocTestMethodAttribute();

        Assert.False(defaults.AllowNoData);
        Assert.Equal(-1, defaults.MaxManagedBytes);
        Assert.Equal(-1, fact.MaxAllocations);
        Assert.Equal(-1, testMethod.MaxPeakBytes);
        Assert.True(((IAllocKnobSource)defaults).Knobs.IsEmpty);
    }

    [Fact]
    public void Set_attribute_properties_read_back_and_count_as_set()
    {
        var theory = new Xunit.MockallocTheoryAttribute { MaxManagedBytes = 7, AllowNoData = false };

        Assert.Equal(7, theory.MaxManagedBytes);
        Assert.False(theory.AllowNoData);
        Assert.True(((IAllocKnobSource)theory).Knobs.TryGet(nameof(AllocOptions.AllowNoData), out long flag));
        Assert.Equal(0, flag);
    }

    private static AllocOptions ForTest<TClass>(string method)
    {
        MethodInfo info = typeof(TClass).GetMethod(method, BindingFlags.Public | BindingFlags.Instance)!;
        return AllocOptionsLayering.ForTest(info, typeof(TClass));
    }

    // Samples whose attributes are read, never run: internal, so xUnit v2 does not discover them (and the
    // analyzers' advice for real test classes does not apply).
#pragma warning disable xUnit1000, xUnit1003, xUnit1006, MSTEST0030
    [MockallocDefaults(AllowNoData = true, MaxAllocations = 1)]
    internal class SampleClass
    {
        [Xunit.MockallocFact(MaxAllocations = 5)]
        public void Fact()
        {
        }

        [Xunit.MockallocTheory(AllowNoData = false)]
        public void Theory()
        {
        }

        [MockallocTestMethod(MaxPeakBytes = -1)]
        public void TestMethod()
        {
        }
    }

    internal sealed class DerivedSampleClass : SampleClass
    {
    }

    [MockallocDefaults(MaxManagedBytes = -1, Tracing = true)]
    internal class MiddleSampleClass : SampleClass
    {
    }

    [MockallocDefaults(MaxAllocations = 7, MaxPeakBytes = 64)]
    internal sealed class OverridingSampleClass : MiddleSampleClass
    {
    }

    internal sealed class UndecoratedSampleClass
    {
        [Xunit.MockallocFact]
        public void Fact()
        {
        }
    }
#pragma warning restore xUnit1000, xUnit1003, xUnit1006, MSTEST0030
}
