using Fody;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Mockalloc.Fody.Tests;

/// <summary>The facades call the BCL members themselves: their namespace and Mockalloc.dll are never woven.</summary>
public sealed class FacadeTests
{
    [Fact]
    public void Code_in_the_facade_namespace_is_left_alone()
    {
        AllocInfo info = Allocs.Record(() => Woven.Invoke(Woven.Fixture.Assembly.GetType("Mockalloc.Tracked.FixtureFacade")!.GetMethod("Leak")!, null),
            new AllocOptions { AllowNoData = true });

        Assert.Null(info.Error);
        Assert.Equal(0, info.AllocationCount);
        Assert.Contains("NativeMemory::Alloc", CallsIn(Woven.Fixture.AssemblyPath, "Mockalloc.Tracked.FixtureFacade", "Leak"));
    }

    [Fact]
    public void Woven_code_calls_the_facade_with_a_site()
    {
        string calls = CallsIn(Woven.Fixture.AssemblyPath, "WeaverFixture.NativeCalls", "Leak");

        Assert.Contains("TrackedNativeMemory::Alloc(System.UIntPtr,Mockalloc.CallSite)", calls);
        Assert.Contains($"Mockalloc.CallSite <Mockalloc>CallSites::Leak@NativeCalls.cs:{Woven.LineOf("native-leak")}", calls);
        Assert.DoesNotContain("InteropServices.NativeMemory::Alloc", calls);
    }

    [Fact]
    public void Mockalloc_itself_is_not_woven()
    {
        string mockalloc = typeof(Allocs).Assembly.Location;
        string copy = Path.Combine(Path.GetTempPath(), "mockalloc-weaver-" + Guid.NewGuid().ToString("N"), "Mockalloc.dll");
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.Copy(mockalloc, copy);
        File.Copy(Path.ChangeExtension(mockalloc, ".pdb"), Path.ChangeExtension(copy, ".pdb"));

        TestResult result = new ModuleWeaver().ExecuteTestRun(copy, runPeVerify: false);

        Assert.Empty(result.Errors);
        Assert.Contains(result.Messages, m => m.Text.Contains("never woven", StringComparison.Ordinal));
        Assert.Contains("System.Runtime.InteropServices.GCHandle::Free()", CallsIn(result.AssemblyPath, "Mockalloc.Tracked.TrackedGCHandle", "Free"));
    }

    private static string CallsIn(string assemblyPath, string type, string method)
    {
        using var module = ModuleDefinition.ReadModule(assemblyPath);
        IEnumerable<string> calls = module.GetType(type).Methods.Where(m => m.Name == method && m.HasBody)
            .SelectMany(m => m.Body.Instructions)
            .Where(i => i.OpCode.Code is Code.Call or Code.Callvirt or Code.Ldsfld)
            .Select(i => ((MemberReference)i.Operand).FullName);
        return string.Join("\n", calls);
    }
}
