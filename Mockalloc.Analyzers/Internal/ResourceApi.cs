namespace Mockalloc.Analyzers.Internal;

/// <summary>What a member of the API table does to the resource it touches.</summary>
internal enum ApiRole
{
    /// <summary>Returns (or, for a constructor, creates) a fresh resource that must be released.</summary>
    Acquire,

    /// <summary>Releases the resource passed in <see cref="ResourceApi.Argument"/> (or the receiver when it is -1).</summary>
    Release,

    /// <summary>Consumes the resource in <see cref="ResourceApi.Argument"/> and returns a fresh one (realloc moves ownership).</summary>
    Reallocate,

    /// <summary>Returns the same resource as <see cref="ResourceApi.Argument"/> under another type (GCHandle.ToIntPtr/FromIntPtr).</summary>
    Alias,
}

/// <summary>One row of <see cref="ResourceApiTable"/>: a member and what it does to ownership.</summary>
internal sealed class ResourceApi
{
    public ResourceApi(string typeName, string member, ApiRole role, string family, int argument, string display, bool mayReturnNull = false)
    {
        MayReturnNull = mayReturnNull;
        TypeName = typeName;
        Member = member;
        Role = role;
        Family = family;
        Argument = argument;
        Display = display;
    }

    /// <summary>Metadata name of the declaring type's original definition, or <c>*</c> for any type.</summary>
    public string TypeName { get; }

    /// <summary>Member name (<c>.ctor</c> for constructors).</summary>
    public string Member { get; }

    public ApiRole Role { get; }

    /// <summary>Allocation family (SPEC 3.5), for reports.</summary>
    public string Family { get; }

    /// <summary>Index of the argument the role applies to; -1 means the receiver.</summary>
    public int Argument { get; }

    /// <summary>
    /// True when a successful call can still return null or zero (an allocator that reports failure with
    /// null, <c>StringToHGlobal*(null)</c>): a null test of the result is then a real branch.
    /// </summary>
    public bool MayReturnNull { get; }

    /// <summary>How diagnostics name the member, e.g. <c>NativeMemory.Alloc</c>.</summary>
    public string Display { get; }
}
