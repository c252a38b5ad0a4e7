using System.Diagnostics.CodeAnalysis;

namespace Mockalloc.Internal;

/// <summary>
/// The exception a facade throws for a null receiver: the <see cref="NullReferenceException"/> the instance
/// call it stands for would throw, raised before anything is recorded.
/// </summary>
internal static class NullInstance
{
    /// <summary>Throws for the null <paramref name="what"/> ("pool", "owner").</summary>
    [DoesNotReturn]
    public static void Throw(string what) =>
        throw new NullReferenceException($"The {what} (the instance the BCL member is called on) is null.");
}
