namespace Mockalloc.Generators.Model;

/// <summary>The tracking names of the interceptor generator's pipeline steps, for the caching tests.</summary>
internal static class TrackingNames
{
    /// <summary>Whether the MSBuild property <c>MockallocTrack</c> is true.</summary>
    public const string Switch = nameof(Switch);

    /// <summary>Each intercepted call site, as a model with no Roslyn types.</summary>
    public const string Calls = nameof(Calls);

    /// <summary>The call sites grouped by source file, or none when the switch is off.</summary>
    public const string Files = nameof(Files);
}
