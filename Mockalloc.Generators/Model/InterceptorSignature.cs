namespace Mockalloc.Generators.Model;

/// <summary>
/// What an interceptor of one tracked member looks like, whatever the call site: its signature and the facade
/// it calls. Computed once per member and compilation and shared by every call site of that member.
/// </summary>
internal sealed record InterceptorSignature
{
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
}
