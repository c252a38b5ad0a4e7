namespace Mockalloc.Apis;

/// <summary>
/// One row of the table of tracked APIs (<see cref="TrackedApis"/>): a member, what it does to ownership and,
/// for the BCL members that interceptors and the weaver redirect, the facade member that stands for it.
/// </summary>
/// <remarks>
/// This file is compiled into both Roslyn components (the generator and the static checker) so that the
/// list of tracked members has one source of truth.
/// </remarks>
internal sealed class ResourceApi
{
    public ResourceApi(
        string typeName,
        string member,
        ApiRole role,
        string family,
        int argument,
        string display,
        bool mayReturnNull = false,
        ResourceFacade? facade = null)
    {
        TypeName = typeName;
        Member = member;
        Role = role;
        Family = family;
        Argument = argument;
        Display = display;
        MayReturnNull = mayReturnNull;
        Facade = facade;
    }

    /// <summary>Metadata name of the declaring type's original definition, or <c>*</c> for any type.</summary>
    public string TypeName { get; }

    /// <summary>Member name (<c>.ctor</c> for constructors).</summary>
    public string Member { get; }

    /// <summary>What the member does to the resource.</summary>
    public ApiRole Role { get; }

    /// <summary>Allocation family (docs/tracked-sources.md), for reports.</summary>
    public string Family { get; }

    /// <summary>
    /// Index of the argument the role applies to; -1 means the receiver (for <see cref="ApiRole.Acquire"/>,
    /// the result).
    /// </summary>
    public int Argument { get; }

    /// <summary>
    /// True when a successful call can still return null or zero (an allocator that reports failure with
    /// null, <c>StringToHGlobal*(null)</c>): a null test of the result is then a real branch.
    /// </summary>
    public bool MayReturnNull { get; }

    /// <summary>How diagnostics name the member, e.g. <c>NativeMemory.Alloc</c>.</summary>
    public string Display { get; }

    /// <summary>The tracked member that stands for this one where call sites are redirected, or null.</summary>
    public ResourceFacade? Facade { get; }

    /// <summary>
    /// The row for the facade member itself: same role and family, and an argument index that counts the
    /// receiver the facade takes first. Null when the member has no facade.
    /// </summary>
    public ResourceApi? FacadeTwin() =>
        Facade is not { } facade
            ? null
            : new ResourceApi(
                facade.TypeName,
                facade.Member,
                Role,
                Family,
                facade.TakesReceiver && Role != ApiRole.Acquire ? Argument + 1 : Argument,
                facade.TypeName.Substring(facade.TypeName.LastIndexOf('.') + 1) + "." + facade.Member,
                MayReturnNull);
}
