using Microsoft.CodeAnalysis;

namespace Mockalloc.Analyzers.Internal;

/// <summary>The first path found on which a resource leaks: a sentence for the message, and where it happens.</summary>
internal sealed class LeakPath
{
    public LeakPath(string description, Location? location)
    {
        Description = description;
        Location = location;
    }

    /// <summary>E.g. "when the method returns at line 42".</summary>
    public string Description { get; }

    /// <summary>Where the resource becomes unreachable (the return, the overwrite, the throw).</summary>
    public Location? Location { get; }
}
