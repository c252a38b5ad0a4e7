namespace Mockalloc.Generators.Model;

/// <summary>
/// One call site to redirect: everything the emitter writes, as strings and numbers (no Roslyn types, so the
/// pipeline can compare it by value and cache it).
/// </summary>
internal sealed record InterceptedCall
{
    /// <summary>The version of the interceptable location's encoding.</summary>
    public required int LocationVersion { get; init; }

    /// <summary>The opaque encoding of the call's location that <c>[InterceptsLocation]</c> takes.</summary>
    public required string LocationData { get; init; }

    /// <summary>Where the call is, for a comment in the generated source (<c>File.cs(12,9)</c>).</summary>
    public required string DisplayLocation { get; init; }

    /// <summary>The interceptor's signature and the facade it calls, shared by the member's call sites.</summary>
    public required InterceptorSignature Signature { get; init; }

    /// <summary>The call's file, as tracing reports it.</summary>
    public required string File { get; init; }

    /// <summary>The call's 1-based line.</summary>
    public required int Line { get; init; }

    /// <summary>The member the call is in, as <c>[CallerMemberName]</c> would name it.</summary>
    public required string Member { get; init; }
}
