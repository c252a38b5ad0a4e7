namespace Mockalloc.Apis;

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
