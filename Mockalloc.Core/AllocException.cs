using Mockalloc.Internal;

namespace Mockalloc;

/// <summary>Thrown when a region found an allocation bug or exceeded a budget.</summary>
/// <remarks>The message says what went wrong, the counts behind it, and what to do next.</remarks>
public sealed class AllocException : Exception
{
    /// <summary>Creates the exception for a region's result.</summary>
    /// <param name="info">The result; its <see cref="AllocInfo.Error"/> must be set.</param>
    /// <exception cref="ArgumentNullException"><paramref name="info"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="info"/> has no error.</exception>
    public AllocException(AllocInfo info)
        : base(AllocReport.Message(Validate(info)))
    {
        Info = info;
        Error = info.Error!.Value;
    }

    /// <summary>The bug class.</summary>
    public AllocError Error { get; }

    /// <summary>Everything the region recorded.</summary>
    public AllocInfo Info { get; }

    private static AllocInfo Validate(AllocInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (info.Error is null)
        {
            throw new ArgumentException("The region found no error; there is nothing to throw.", nameof(info));
        }
        return info;
    }
}
