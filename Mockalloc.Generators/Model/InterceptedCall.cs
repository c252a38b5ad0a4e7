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

    /// <summary>The intercepted member, for names and comments (<c>NativeMemory.Alloc</c>).</summary>
    public required string Api { get; init; }

    /// <summary>The facade member called instead, fully qualified.</summary>
    public required string Facade { get; init; }

    /// <summary>The interceptor's return type (<c>void</c>, <c>void*</c>, <c>T[]</c>).</summary>
    public required string ReturnType { get; init; }

    /// <summary>The interceptor's type parameter list (<c>&lt;T&gt;</c>) or empty.</summary>
    public required string TypeParameters { get; init; }

    /// <summary>The interceptor's constraint clauses, or empty.</summary>
    public required string Constraints { get; init; }

    /// <summary>The receiver parameter of an instance member (written with <c>this</c>), or null for a static member.</summary>
    public required InterceptorParameter? Receiver { get; init; }

    /// <summary>
    /// The type the receiver is cast to before the facade takes it, or null: an <c>IMemoryOwner&lt;T&gt;.Dispose()</c>
    /// call binds to <c>IDisposable.Dispose</c>, whose interceptor takes an <c>IDisposable</c>.
    /// </summary>
    public required string? ReceiverCast { get; init; }

    /// <summary>The intercepted member's parameters.</summary>
    public required EquatableArray<InterceptorParameter> Parameters { get; init; }

    /// <summary>True when the signature has pointers, so the interceptor must be <c>unsafe</c>.</summary>
    public required bool IsUnsafe { get; init; }

    /// <summary>The call's file, as tracing reports it.</summary>
    public required string File { get; init; }

    /// <summary>The call's 1-based line.</summary>
    public required int Line { get; init; }

    /// <summary>The member the call is in, as <c>[CallerMemberName]</c> would name it.</summary>
    public required string Member { get; init; }
}
