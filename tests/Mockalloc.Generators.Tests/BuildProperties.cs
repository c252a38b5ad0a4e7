using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Mockalloc.Generators.Tests;

/// <summary>The MSBuild properties a build passes to analyzers and generators (<c>build_property.*</c>), and nothing per file.</summary>
internal sealed class BuildProperties(ImmutableDictionary<string, string> properties) : AnalyzerConfigOptionsProvider
{
    public static BuildProperties Tracking(bool on) =>
        new(ImmutableDictionary<string, string>.Empty.Add("build_property.MockallocTrack", on ? "true" : "false"));

    public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(properties);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

    private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static readonly Options Empty = new(ImmutableDictionary<string, string>.Empty);

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
