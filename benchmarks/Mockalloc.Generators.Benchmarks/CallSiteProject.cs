using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Mockalloc.Generators.Benchmarks;

/// <summary>
/// A generated consumer project: <see cref="Files"/> files of <see cref="CallsPerFile"/> tracked calls each
/// (native, Marshal, GCHandle, ArrayPool and MemoryPool, in turn), parsed once, compiled afresh on demand.
/// </summary>
internal sealed class CallSiteProject
{
    public const int Files = 100;
    public const int CallsPerFile = 100;
    public const int CallSites = Files * CallsPerFile;

    /// <summary>Lines of two tracked calls each (an acquisition and its release).</summary>
    private static readonly string[] s_pairs =
    [
        "NativeMemory.Free(NativeMemory.Alloc((nuint)n));",
        "Marshal.FreeHGlobal(Marshal.AllocHGlobal(n));",
        "GCHandle.Alloc(this).Free();",
        "ArrayPool<byte>.Shared.Return(ArrayPool<byte>.Shared.Rent(n));",
        "MemoryPool<byte>.Shared.Rent(n).Dispose();",
    ];

    private static readonly IReadOnlyList<MetadataReference> s_references =
    [
        .. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(System.IO.Path.PathSeparator)
            .Where(p => p.Length > 0)
            .Select(p => MetadataReference.CreateFromFile(p)),
        MetadataReference.CreateFromFile(typeof(CallSite).Assembly.Location),
    ];

    public static CSharpParseOptions ParseOptions { get; } = new CSharpParseOptions(LanguageVersion.Preview)
        .WithFeatures([new("InterceptorsNamespaces", "Mockalloc.Interceptors")]);

    public CallSiteProject() => Trees = [.. Enumerable.Range(0, Files).Select(Tree)];

    public IReadOnlyList<SyntaxTree> Trees { get; }

    /// <summary>A new compilation of <see cref="Trees"/>: nothing bound yet, as a build starts.</summary>
    public CSharpCompilation Compile() => CSharpCompilation.Create(
        "Consumer",
        Trees,
        s_references,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>File <paramref name="index"/> with its first call's argument changed: the edit a developer makes.</summary>
    public SyntaxTree Edited(int index) =>
        CSharpSyntaxTree.ParseText(Source(index).Replace("(n)", "(n + 1)", StringComparison.Ordinal), ParseOptions, FileName(index));

    private static SyntaxTree Tree(int index) => CSharpSyntaxTree.ParseText(Source(index), ParseOptions, FileName(index));

    private static string FileName(int index) => $"/src/Calls{index}.cs";

    private static string Source(int index)
    {
        var body = new System.Text.StringBuilder();
        for (int pair = 0; pair < CallsPerFile / 2; pair++)
        {
            body.Append("        ").AppendLine(s_pairs[pair % s_pairs.Length]);
        }

        return $$"""
            using System.Buffers;
            using System.Runtime.InteropServices;

            public sealed unsafe class Calls{{index}}
            {
                public void Run(int n)
                {
            {{body}}
                }
            }
            """;
    }
}
