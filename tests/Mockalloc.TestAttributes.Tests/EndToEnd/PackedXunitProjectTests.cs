namespace Mockalloc.TestAttributes.Tests.EndToEnd;

/// <summary>
/// Packed packages in projects made by today's templates (<see cref="PackedXunitProject"/>): the test's own BCL
/// calls, a tracking library's and a woven library's are seen, with their lines, with no line of any rewritten.
/// </summary>
public sealed class PackedXunitProjectTests(PackedXunitProject project)
    : RunResultsTests<PackedXunitProjectTests, PackedXunitProject>(project), IRunExpectations
{
    public static TheoryData<string, string, string> All => new()
    {
        { "LeakTests/Leaks", "Failed", "Leak: 10 bytes (NativeMemory) allocated at LeakTests.cs:9 (Leaks)" },
        { "LeakTests/DoubleFree", "Failed", "DoubleFree: 8 bytes (HGlobal) allocated at LeakTests.cs:14 (DoubleFree), released at LeakTests.cs:15 (DoubleFree), and again at LeakTests.cs:16" },
        { "LeakTests/Mismatched", "Failed", "MismatchedFree: 16 bytes allocated at LeakTests.cs:20 (Mismatched) through NativeMemory aligned" },
        { "LeakTests/Correct", "Passed", "" },
        { "LeakTests/LibraryLeaks", "Failed", "Leak: 2 bytes (HGlobal) allocated at NativeText.cs:9 (Utf16)" },
        { "LeakTests/LibraryCorrect", "Passed", "" },
        { "LeakTests/WovenLeaks", "Failed", "Leak: 1 of 1 acquisitions|allocated at Handles.cs:9 (Leak)" },
        { "LeakTests/WovenPair", "Passed", "" },
    };

    [Theory]
    [InlineData("Mockalloc")]
    [InlineData("Mockalloc.Xunit")]
    [InlineData("Mockalloc.Fody")]
    public void Every_packed_package_carries_its_readme(string id)
    {
        Assert.True(Run.Packages.TryGetValue(id, out var package), $"{id} was not packed: {string.Join(", ", Run.Packages.Keys)}");
        Assert.Contains("README.md", package.Entries);
        Assert.Contains("<readme>README.md</readme>", package.Nuspec, StringComparison.Ordinal);
    }

    [Fact]
    public void The_packages_ship_the_interceptors_the_switch_and_the_weaver_where_NuGet_and_Fody_look()
    {
        Assert.Contains("analyzers/dotnet/cs/Mockalloc.Generators.dll", Run.Packages["Mockalloc"].Entries);
        Assert.Contains("buildTransitive/Mockalloc.targets", Run.Packages["Mockalloc"].Entries);
        Assert.Contains("build/Mockalloc.Xunit.props", Run.Packages["Mockalloc.Xunit"].Entries);
        Assert.Contains("weaver/Mockalloc.Fody.dll", Run.Packages["Mockalloc.Fody"].Entries);
        Assert.Contains("build/Mockalloc.Fody.props", Run.Packages["Mockalloc.Fody"].Entries);
    }
}
