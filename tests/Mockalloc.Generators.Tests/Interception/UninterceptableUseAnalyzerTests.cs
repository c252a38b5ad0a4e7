using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Mockalloc.Generators.Interception;

namespace Mockalloc.Generators.Tests.Interception;

/// <summary>MA0004: what interceptors cannot reach is reported where it is, with the facade to call instead.</summary>
public sealed class UninterceptableUseAnalyzerTests
{
    private static ImmutableArray<Diagnostic> Analyze(string body, bool tracking = true)
    {
        string source = $$"""
            using System;
            using System.Buffers;
            using System.Runtime.InteropServices;

            public static unsafe class Case
            {
                public static void Run<T>(IMemoryOwner<T> owner)
                {
                    {{body}}
                }
            }
            """;
        Compilation compilation = GeneratorHarness.Compile(source);
        var options = new AnalyzerOptions([], BuildProperties.Tracking(tracking));
        return compilation.WithAnalyzers([new UninterceptableUseAnalyzer()], options)
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
    }

    [Theory]
    [InlineData("Func<int, nint> alloc = Marshal.AllocHGlobal;", "Marshal.AllocHGlobal", "a method group", "TrackedMarshal.AllocHGlobal")]
    [InlineData("delegate*<void*, void> free = &NativeMemory.Free;", "NativeMemory.Free", "a method group or function pointer", "TrackedNativeMemory.Free")]
    [InlineData("Action<byte[], bool> give = ArrayPool<byte>.Shared.Return;", "ArrayPool<T>.Return", "a method group", "TrackedArrayPool.Return")]
    [InlineData("var handle = new GCHandle<object>(new object()); handle.Dispose();", "new GCHandle<T>", "a constructor cannot be intercepted", "TrackedGCHandle.NewGCHandle")]
    [InlineData("var pinned = new PinnedGCHandle<byte[]>(new byte[1]); pinned.Dispose();", "new PinnedGCHandle<T>", "a constructor", "TrackedGCHandle.NewPinnedGCHandle")]
    [InlineData("owner.Dispose();", "IMemoryOwner<T>.Dispose", "the owner's element type is a type parameter", "TrackedMemoryPool.Dispose")]
    public void Reports_what_interceptors_cannot_reach(string body, string api, string reason, string facade)
    {
        Diagnostic diagnostic = Assert.Single(Analyze(body));
        Assert.Equal("MA0004", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
        string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"`{api}` is not tracked here", message, StringComparison.Ordinal);
        Assert.Contains(reason, message, StringComparison.Ordinal);
        Assert.Contains($"Call `{facade}` directly, or weave the assembly with Mockalloc.Fody.", message, StringComparison.Ordinal);
        Assert.EndsWith("docs/rules/MA0004.md", diagnostic.Descriptor.HelpLinkUri, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Marshal.FreeHGlobal(Marshal.AllocHGlobal(1));")]
    [InlineData("ArrayPool<byte>.Shared.Return(ArrayPool<byte>.Shared.Rent(1));")]
    [InlineData("IMemoryOwner<byte> bytes = MemoryPool<byte>.Shared.Rent(); bytes.Dispose();")]
    [InlineData("Func<int, string> format = i => i.ToString(); Action<object> free = o => GCHandle.Alloc(o).Free();")]
    public void Interceptable_calls_are_not_reported(string body) => Assert.Empty(Analyze(body));

    [Fact]
    public void Nothing_is_reported_with_tracking_off() =>
        Assert.Empty(Analyze("Func<int, nint> alloc = Marshal.AllocHGlobal; var h = new GCHandle<object>(new object()); h.Dispose();", tracking: false));
}
