namespace Mockalloc.Fody.Tests;

/// <summary>The site passed with each redirected call comes from the call's sequence point; the PDB stays right.</summary>
public sealed class CallSiteTests
{
    private static readonly AllocOptions Tracing = new() { Tracing = true };

    [Fact]
    public void A_leak_names_the_fixture_line_and_member()
    {
        AllocInfo info = Allocs.Record(Woven.Body("NativeCalls", "Leak"), Tracing);

        CallSite site = Assert.Single(info.Trace!.Leaks).AllocationSite;
        Assert.Equal(Woven.LineOf("native-leak"), site.Line);
        Assert.Equal("NativeCalls.cs", Path.GetFileName(site.File));
        Assert.Equal("Leak", site.Member);
    }

    [Fact]
    public void A_lambda_names_the_member_around_it_as_CallerMemberName_does()
    {
        AllocInfo info = Allocs.Record(Woven.Body("NativeCalls", "LeakInLambda"), Tracing);

        CallSite site = Assert.Single(info.Trace!.Leaks).AllocationSite;
        Assert.Equal(Woven.LineOf("lambda-leak"), site.Line);
        Assert.Equal("LeakInLambda", site.Member);
    }

    [Fact]
    public void A_woven_method_that_throws_keeps_its_line_in_the_stack_trace()
    {
        var thrown = Assert.Throws<InvalidOperationException>(() => Woven.Call("NativeCalls", "Throws"));

        var frame = new System.Diagnostics.StackTrace(thrown, fNeedFileInfo: true).GetFrame(0)!;
        Assert.Equal("Throws", frame.GetMethod()!.Name);
        Assert.Equal(Woven.LineOf("throw"), frame.GetFileLineNumber());
    }

    [Theory]
    [InlineData("Leak", "Leak")]
    [InlineData("get_Item", "Item")]
    [InlineData("set_Size", "Size")]
    [InlineData("<Run>b__0_0", "Run")]
    [InlineData("<Run>g__Local|0_0", "Run")]
    [InlineData("<get_Size>b__1", "Size")]
    [InlineData("System.IDisposable.Dispose", "Dispose")]
    [InlineData(".ctor", ".ctor")]
    public void Member_names_follow_CallerMemberName(string compiled, string expected)
    {
        var module = Mono.Cecil.ModuleDefinition.CreateModule("Names", Mono.Cecil.ModuleKind.Dll);
        var type = new Mono.Cecil.TypeDefinition("N", "C", Mono.Cecil.TypeAttributes.Public, module.TypeSystem.Object);
        var attributes = compiled.StartsWith("get_", StringComparison.Ordinal) || compiled.StartsWith("set_", StringComparison.Ordinal) || compiled.StartsWith('.')
            ? Mono.Cecil.MethodAttributes.SpecialName
            : Mono.Cecil.MethodAttributes.Public;
        var method = new Mono.Cecil.MethodDefinition(compiled, attributes, module.TypeSystem.Void);
        type.Methods.Add(method);

        Assert.Equal(expected, ModuleWeaver.CallerMemberName(method));
    }
}
