using Mockalloc.Analyzers.Ownership;

namespace Mockalloc.Analyzers.Tests;

/// <summary>The public facts behind <c>mockalloc leak --explain</c> and <c>--types</c>.</summary>
public sealed class OwnershipFactsTests
{
    private const string Source = """
        using System;
        using System.Runtime.InteropServices;

        public static class Helpers
        {
            public static void Release(IntPtr p) => Marshal.FreeHGlobal(p);
            public static IntPtr Create() => Marshal.AllocHGlobal(8);
            public static void Keep(System.Collections.Generic.List<IntPtr> all, IntPtr p) => all.Add(p);

            public static int Use(bool early)
            {
                IntPtr p = Marshal.AllocHGlobal(8);
                if (early)
                    return 0;
                Release(p);
                return 1;
            }
        }

        public sealed class Owner : IDisposable
        {
            private IntPtr _block = Marshal.AllocHGlobal(8);
            private IntPtr _other = Marshal.AllocCoTaskMem(8);
            public void Dispose() => Marshal.FreeHGlobal(_block);
        }
        """;

    [Fact]
    public void Explain_gives_parameter_effects_and_fresh_returns()
    {
        var compilation = AnalyzerHarness.Compile(("Facts.cs", Source));

        MethodOwnership release = Assert.Single(OwnershipFacts.Explain(compilation, "Release"));
        Assert.Equal("releases", Assert.Single(release.Parameters).Effect);
        MethodOwnership keep = Assert.Single(OwnershipFacts.Explain(compilation, "Helpers.Keep"));
        Assert.Equal(["borrows", "stores"], keep.Parameters.Select(p => p.Effect));
        MethodOwnership create = Assert.Single(OwnershipFacts.Explain(compilation, "Create"));
        Assert.Equal("Marshal.AllocHGlobal", create.ReturnsFresh);
        Assert.False(create.HasLeak);
    }

    [Fact]
    public void Explain_lists_each_acquisition_with_its_outcomes_and_leak_path()
    {
        var compilation = AnalyzerHarness.Compile(("Facts.cs", Source));

        MethodOwnership use = Assert.Single(OwnershipFacts.Explain(compilation, "Use"));
        AcquisitionOwnership acquisition = Assert.Single(use.Acquisitions);
        Assert.Equal("Marshal.AllocHGlobal", acquisition.Api);
        Assert.Equal("p", acquisition.Variable);
        Assert.Equal(12, acquisition.Line);
        Assert.Contains("released by Helpers.Release at line 15", acquisition.Outcomes);
        Assert.Contains(acquisition.Outcomes, o => o.StartsWith("leaked when", StringComparison.Ordinal));
        Assert.Equal("when `early` is true and the method returns at line 14", acquisition.LeakPath);
        Assert.True(use.HasLeak);
        Assert.Empty(OwnershipFacts.Explain(compilation, "NoSuchMethod"));
    }

    [Fact]
    public void Types_lists_every_field_that_receives_a_resource_with_its_verdict()
    {
        var compilation = AnalyzerHarness.Compile(("Facts.cs", Source));

        FieldOwnership[] fields = [.. OwnershipFacts.Types(compilation)];

        Assert.Equal(["_block", "_other"], fields.Select(f => f.Field));
        Assert.Equal("Owner", fields[0].Type);
        Assert.Equal(["Dispose"], fields[0].ReleasedBy);
        Assert.Null(fields[0].Problem);
        Assert.Equal("Marshal.AllocCoTaskMem", fields[1].Api);
        Assert.Equal("`Dispose` does not release it", fields[1].Problem);
        Assert.Equal(23, fields[1].Line);
    }
}
