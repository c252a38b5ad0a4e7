namespace Mockalloc.Fody.Tests;

/// <summary>[AssertAllocs] where it cannot work is a weaving error that names the member and says what to do.</summary>
public sealed class WeavingErrorTests
{
    [Theory]
    [InlineData("Refused.AbstractMethod", "is abstract")]
    [InlineData("Refused.AsyncVoidMethod", "is async void but has [AssertAllocs]: return Task instead, or remove the attribute (nothing tells when an async void method ends).")]
    [InlineData("Refused.IteratorMethod", "is an iterator")]
    [InlineData("Refused.AsyncIteratorMethod", "is an iterator")]
    public void Each_refused_method_is_an_error_naming_it(string member, string text)
    {
        Assert.Contains(Woven.Errors.Errors, e => e.Text.Contains($"Method '{member}' {text}", StringComparison.Ordinal));
    }

    [Fact]
    public void Nothing_else_is_an_error()
    {
        Assert.Equal(4, Woven.Errors.Errors.Count);
    }

    [Fact]
    public void An_assembly_without_Mockalloc_is_an_error_that_names_the_fix()
    {
        var weaver = new ModuleWeaver();
        global::Fody.TestResult result = global::Fody.WeaverTestHelper.ExecuteTestRun(
            weaver,
            Woven.FixturePath("WeaverFixture"),
            runPeVerify: false,
            beforeExecuteCallback: _ =>
            {
                weaver.ResolveAssembly = _ => null!;
                weaver.AssemblyResolver = new WithoutMockalloc(weaver.AssemblyResolver);
            },
            folderName: "no-mockalloc");

        string error = Assert.Single(result.Errors).Text;
        Assert.Contains("Add the Mockalloc package", error, StringComparison.Ordinal);
    }

    [Fact]
    public void WeaveReferences_is_not_ignored_silently()
    {
        var weaver = new ModuleWeaver { Config = new System.Xml.Linq.XElement("Mockalloc", new System.Xml.Linq.XAttribute("WeaveReferences", "*")) };
        global::Fody.TestResult result = global::Fody.WeaverTestHelper.ExecuteTestRun(weaver, Woven.FixturePath("WeaverFixture"), runPeVerify: false, folderName: "weave-references");

        Assert.Contains(result.Warnings, w => w.Text.Contains("WeaveReferences=\"*\" is not supported yet", StringComparison.Ordinal));
    }

    /// <summary>Resolves every assembly but Mockalloc, as for a project that does not reference it.</summary>
    private sealed class WithoutMockalloc(Mono.Cecil.IAssemblyResolver inner) : Mono.Cecil.IAssemblyResolver
    {
        public Mono.Cecil.AssemblyDefinition Resolve(Mono.Cecil.AssemblyNameReference name) =>
            name.Name == "Mockalloc" ? null! : inner.Resolve(name);

        public Mono.Cecil.AssemblyDefinition Resolve(Mono.Cecil.AssemblyNameReference name, Mono.Cecil.ReaderParameters parameters) =>
            name.Name == "Mockalloc" ? null! : inner.Resolve(name, parameters);

        public void Dispose()
        {
        }
    }
}
