using Microsoft.CodeAnalysis;

namespace Mockalloc.Generators.Tests.Interception;

/// <summary>The MSBuild switch <c>MockallocTrack</c>: off means the build is the build without Mockalloc.</summary>
public sealed class SwitchTests
{
    private const string Source = """
        using System.Buffers;
        using System.Runtime.InteropServices;

        public static unsafe class Case
        {
            public static void Run()
            {
                NativeMemory.Free(NativeMemory.Alloc(1));
                ArrayPool<byte>.Shared.Return(ArrayPool<byte>.Shared.Rent(1));
            }
        }
        """;

    [Fact]
    public void Off_the_build_is_byte_for_byte_the_build_without_the_generator()
    {
        Compilation plain = GeneratorHarness.Compile(Source);
        (Compilation switchedOff, GeneratorDriverRunResult run) = GeneratorHarness.Generate(plain, tracking: false);

        Assert.Empty(run.GeneratedTrees);
        Assert.Equal(Emit(plain), Emit(switchedOff));
    }

    [Fact]
    public void Off_no_call_is_bound()
    {
        Compilation plain = GeneratorHarness.Compile(Source);

        GeneratorRunResult off = GeneratorHarness.Driver(tracking: false).RunGenerators(plain).GetRunResult().Results.Single();
        GeneratorRunResult on = GeneratorHarness.Driver(tracking: true).RunGenerators(plain).GetRunResult().Results.Single();

        // Off, the step that binds has nothing to bind: it is not recorded at all, or recorded empty.
        Assert.Empty(off.TrackedSteps.TryGetValue(Mockalloc.Generators.Model.TrackingNames.Calls, out var offSteps) ? offSteps.SelectMany(step => step.Outputs) : []);
        Assert.Equal(4, on.TrackedSteps[Mockalloc.Generators.Model.TrackingNames.Calls].SelectMany(step => step.Outputs).Count());
    }

    [Fact]
    public void On_the_build_differs()
    {
        Compilation plain = GeneratorHarness.Compile(Source);
        (Compilation switchedOn, GeneratorDriverRunResult run) = GeneratorHarness.Generate(plain, tracking: true);

        Assert.Single(run.GeneratedTrees);
        Assert.NotEqual(Emit(plain), Emit(switchedOn));
    }

    [Fact]
    public void Files_of_one_name_in_two_folders_get_two_generated_files()
    {
        string a = Mockalloc.Generators.Model.InterceptorFile.HintNameFor("/src/a/Buffers.cs");
        string b = Mockalloc.Generators.Model.InterceptorFile.HintNameFor("/src/b/Buffers.cs");
        Assert.StartsWith("Mockalloc.Interceptors.Buffers.", a, StringComparison.Ordinal);
        Assert.EndsWith(".g.cs", a, StringComparison.Ordinal);
        Assert.NotEqual(a, b);
        Assert.Equal(a, Mockalloc.Generators.Model.InterceptorFile.HintNameFor("/src/a/Buffers.cs"));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData(" TRUE ", true)]
    [InlineData("false", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("1", false)]
    public void The_switch_reads_MSBuild_booleans(string? value, bool on) =>
        Assert.Equal(on, Mockalloc.Generators.Interception.InterceptionGenerator.IsOn(value));

    [Fact]
    public void Without_Mockalloc_referenced_nothing_is_generated()
    {
        Compilation withoutMockalloc = GeneratorHarness.Compile(Source).RemoveReferences(
            GeneratorHarness.Compile(Source).References.Where(r => r.Display?.EndsWith("Mockalloc.dll", StringComparison.Ordinal) == true));

        (_, GeneratorDriverRunResult run) = GeneratorHarness.Generate(withoutMockalloc, tracking: true);

        Assert.Empty(run.GeneratedTrees);
    }

    private static byte[] Emit(Compilation compilation)
    {
        using var image = new MemoryStream();
        Assert.True(compilation.Emit(image).Success);
        return image.ToArray();
    }
}
