namespace Mockalloc.Generators.Model;

/// <summary>The tracking names of the interceptor generator's pipeline steps, for the caching tests.</summary>
internal static class TrackingNames
{
    /// <summary>Whether the MSBuild property <c>MockallocTrack</c> is true.</summary>
    public const string Switch = nameof(Switch);

    /// <summary>Each intercepted call site, as a model with no Roslyn types.</summary>
    public const string Calls = nameof(Calls);

    /// <summary>Every call site of the compilation, or none when the switch is off.</summary>
    public const string Sites = nameof(Sites);
}
