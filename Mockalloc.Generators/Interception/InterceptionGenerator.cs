using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Mockalloc.Generators.Model;

namespace Mockalloc.Generators.Interception;

/// <summary>
/// Redirects every call of a tracked BCL member in this project (NativeMemory, Marshal, GCHandle, ArrayPool,
/// MemoryPool) to the <c>Mockalloc.Tracked</c> facade that stands for it, with C# interceptors, when the
/// MSBuild property <c>MockallocTrack</c> is true. Each call site passes its own <c>CallSite</c>, so tracing
/// names the exact line.
/// </summary>
/// <remarks>
/// Pipeline: the switch (<see cref="TrackingNames.Switch"/>); the candidate invocations, found by name from the
/// syntax alone; behind the switch, each candidate bound and turned into a value model (<see cref="InterceptionParser"/>,
/// <see cref="TrackingNames.Calls"/>); the call sites grouped by source file (<see cref="TrackingNames.Files"/>);
/// then one generated file per source file
/// (<see cref="InterceptorEmitter"/>), so an edit re-emits one file's interceptors. With the switch off nothing
/// is added: the build is the build without Mockalloc.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class InterceptionGenerator : IIncrementalGenerator
{
    /// <summary>The MSBuild property that switches interception on, as the compiler sees it.</summary>
    public const string SwitchProperty = "build_property.MockallocTrack";

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValueProvider<bool> enabled = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => IsOn(options.GlobalOptions.TryGetValue(SwitchProperty, out string? value) ? value : null))
            .WithTrackingName(TrackingNames.Switch);

        // The semantic step runs behind the switch: with it off, no candidate is ever bound.
        IncrementalValuesProvider<InterceptedCall> calls = context.SyntaxProvider
            .CreateSyntaxProvider(InterceptionParser.IsCandidate, static (candidate, _) => (InvocationExpressionSyntax)candidate.Node)
            .Collect()
            .Combine(enabled)
            .Combine(context.CompilationProvider)
            .SelectMany(static (input, cancellationToken) => input.Left.Right
                ? InterceptionParser.ParseAll(input.Right, input.Left.Left, cancellationToken)
                : [])
            .WithTrackingName(TrackingNames.Calls);

        IncrementalValuesProvider<InterceptorFile> files = calls.Collect()
            .SelectMany(static (all, _) => InterceptorFile.ByFile(all))
            .WithTrackingName(TrackingNames.Files);

        context.RegisterSourceOutput(files, InterceptorEmitter.Emit);
    }

    /// <summary>True for <c>true</c> in any case, as MSBuild reads booleans.</summary>
    internal static bool IsOn(string? value) => string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
}
