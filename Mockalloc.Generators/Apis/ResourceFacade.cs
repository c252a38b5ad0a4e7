namespace Mockalloc.Apis;

/// <summary>
/// The <c>Mockalloc.Tracked</c> member that a call of a tracked BCL member is redirected to (by the interceptor
/// generator at compile time, by the weaver in IL).
/// </summary>
/// <remarks>
/// The facade member takes the BCL member's receiver first (by <c>ref</c> when it is a struct), then the BCL
/// member's parameters, and has an overload that adds a trailing <c>Mockalloc.CallSite</c>.
/// </remarks>
internal sealed class ResourceFacade
{
    public ResourceFacade(string typeName, string member, bool takesReceiver, bool interceptable = true)
    {
        TypeName = typeName;
        Member = member;
        TakesReceiver = takesReceiver;
        Interceptable = interceptable;
    }

    /// <summary>Metadata name of the facade type, e.g. <c>Mockalloc.Tracked.TrackedNativeMemory</c>.</summary>
    public string TypeName { get; }

    /// <summary>The facade member's name.</summary>
    public string Member { get; }

    /// <summary>True when the BCL member is an instance member whose receiver the facade takes first (by <c>ref</c> for a struct).</summary>
    public bool TakesReceiver { get; }

    /// <summary>
    /// False when interceptors must leave the call alone although the weaver may redirect it: a release whose
    /// acquisition (a constructor) interceptors cannot see would count against the region as a release of
    /// something never acquired.
    /// </summary>
    public bool Interceptable { get; }
}
