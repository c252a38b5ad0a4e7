using System;
using Microsoft.CodeAnalysis;
using Mockalloc.Generators.Model;

namespace Mockalloc.Generators.Interception;

/// <summary>
/// Redirects every call of a tracked BCL member in this project (NativeMemory, Marshal, GCHandle, ArrayPool,
/// MemoryPool) to the <c>Mockalloc.Tracked</c> facade that stands for it, with C# interceptors, when the
/// MSBuild property <c>MockallocTrack</c> is true. Each call site passes its own <c>CallSite</c>, so tracing
/// names the exact line.
/// </summary>
/// <remarks>
/// Pipeline: the switch (<see cref="TrackingNames.Switch"/>), each call site as a value model
/// (<see cref="InterceptionParser"/>, <see cref="TrackingNames.Calls"/>), grouped by source file, or nothing
/// when the switch is off (<see cref="TrackingNames.Files"/>), then one generated file per source file
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

        IncrementalValuesProvider<InterceptedCall> calls = context.SyntaxProvider
            .CreateSyntaxProvider(InterceptionParser.IsCandidate, InterceptionParser.Parse)
            .Where(static call => call is not null)
            .Select(static (call, _) => call!)
            .WithTrackingName(TrackingNames.Calls);

        IncrementalValuesProvider<InterceptorFile> files = calls.Collect()
            .Combine(enabled)
            .SelectMany(static (pair, _) => pair.Right ? InterceptorFile.ByFile(pair.Left) : [])
            .WithTrackingName(TrackingNames.Files);

        context.RegisterSourceOutput(files, InterceptorEmitter.Emit);
    }

    /// <summary>True for <c>true</c> in any case, as MSBuild reads booleans.</summary>
    internal static bool IsOn(string? value) => string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
}
