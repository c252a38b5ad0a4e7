using System.Text;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Mockalloc.Fody.Tests;

/// <summary>
/// The woven IL of a few methods, one of each rewrite, compared with the checked-in snapshots in <c>Snapshots/</c>.
/// On a difference the new text is written beside the snapshot as <c>*.received.il</c>: read it, and copy it over
/// the snapshot when the change is intended.
/// </summary>
public sealed class IlSnapshotTests
{
    [Theory]
    [InlineData("WeaverFixture.NativeCalls", "FreeEither")]          // a call at a branch join point
    [InlineData("WeaverFixture.HandleCalls", "TypedPair")]           // an in-place constructor and a struct receiver
    [InlineData("WeaverFixture.NativeCalls", "PairThroughDelegates")] // ldftn
    [InlineData("WeaverFixture.PoolCalls", "OwnerPair")]             // using on an IMemoryOwner<T>
    [InlineData("WeaverFixture.HandleCalls", "TypedUsing")]          // using on a typed GC handle: a constrained callvirt
    [InlineData("WeaverFixture.AssertedMethods", "ManyReturns")]     // a synchronous region
    [InlineData("WeaverFixture.AssertedMethods", "CleanAsync")]      // a region that ends with the task
    public void The_woven_IL_matches_the_snapshot(string type, string method)
    {
        string actual = Disassemble(Woven.Fixture.AssemblyPath, type, method);

        string name = type.Substring(type.LastIndexOf('.') + 1) + "." + method;
        string snapshot = Path.Combine(SnapshotDirectory, name + ".il");
        string expected = File.Exists(snapshot) ? File.ReadAllText(snapshot).ReplaceLineEndings("\n") : "";
        if (actual != expected)
        {
            File.WriteAllText(Path.Combine(SnapshotDirectory, name + ".received.il"), actual);
        }

        Assert.Equal(expected, actual);
    }

    private static string Disassemble(string assemblyPath, string type, string method)
    {
        using var module = ModuleDefinition.ReadModule(assemblyPath);
        MethodDefinition definition = module.GetType(type).Methods.Single(m => m.Name == method);
        var text = new StringBuilder();
        text.Append(definition.FullName).Append('\n');
        foreach (VariableDefinition local in definition.Body.Variables)
        {
            text.Append("  local ").Append(local.Index).Append(": ").Append(local.VariableType.FullName).Append('\n');
        }

        foreach (Instruction instruction in definition.Body.Instructions)
        {
            text.Append("  ").Append(instruction).Append('\n');
        }

        foreach (ExceptionHandler handler in definition.Body.ExceptionHandlers)
        {
            text.Append($"  {handler.HandlerType}: try IL_{handler.TryStart.Offset:x4}-IL_{handler.TryEnd.Offset:x4}, handler IL_{handler.HandlerStart.Offset:x4}-IL_{handler.HandlerEnd?.Offset:x4}\n");
        }

        return text.ToString();
    }

    /// <summary>The snapshots in the source tree (not the build output), so a received file lands beside its snapshot.</summary>
    private static string SnapshotDirectory
    {
        get
        {
            for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Mockalloc.Fody.Tests.csproj")))
                {
                    return Path.Combine(directory.FullName, "Snapshots");
                }
            }

            return Path.Combine(AppContext.BaseDirectory, "Snapshots");
        }
    }
}
