using Microsoft.CodeAnalysis;

namespace Mockalloc.Generators.Tests.Interception;

/// <summary>
/// The generated source for one file with every shape of call, compared with the checked-in snapshot. On a
/// difference the new text is written beside it as <c>*.received.cs</c>: read it, and copy it over the snapshot
/// when the change is intended.
/// </summary>
public sealed class SnapshotTests
{
    private const string Source = """
        using System;
        using System.Buffers;
        using System.Runtime.InteropServices;
        using static System.Runtime.InteropServices.Marshal;

        public static unsafe class Shapes
        {
            public static void Static()
            {
                void* p = NativeMemory.AlignedAlloc(64, 16);
                NativeMemory.AlignedFree(p);
                FreeHGlobal(AllocHGlobal((nint)8));
            }

            public static void Instance(ArrayPool<int> pool, MemoryPool<byte> memory)
            {
                GCHandle handle = GCHandle.Alloc(pool);
                handle.Free();
                pool.Return(pool.Rent(4), clearArray: true);
                IMemoryOwner<byte> owner = memory.Rent();
                owner.Dispose();
            }

            public static T[] Generic<T>() => ArrayPool<T>.Shared.Rent(1);
        }
        """;

    [Fact]
    public void The_generated_source_matches_the_snapshot()
    {
        (_, GeneratorDriverRunResult run) = GeneratorHarness.Generate(GeneratorHarness.Compile(Source, "/src/Shapes.cs"));
        string actual = GeneratorHarness.GeneratedSource(run)!.ReplaceLineEndings("\n");

        string snapshot = Path.Combine(SnapshotDirectory, "Shapes.g.cs");
        string expected = File.Exists(snapshot) ? File.ReadAllText(snapshot).ReplaceLineEndings("\n") : "";
        if (actual != expected)
        {
            File.WriteAllText(Path.Combine(SnapshotDirectory, "Shapes.received.cs"), actual);
        }

        Assert.Equal(expected, actual);
    }

    /// <summary>The snapshots in the source tree (not the build output), so a received file lands beside its snapshot.</summary>
    private static string SnapshotDirectory
    {
        get
        {
            for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                string candidate = Path.Combine(directory.FullName, "Snapshots");
                if (File.Exists(Path.Combine(directory.FullName, "Mockalloc.Generators.Tests.csproj")))
                {
                    return candidate;
                }
            }

            return Path.Combine(AppContext.BaseDirectory, "Snapshots");
        }
    }
}
