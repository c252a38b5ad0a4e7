using System.Collections.Generic;

namespace Mockalloc.Analyzers.Ownership;

/// <summary>A field that receives a resource, and whether its type releases it (the <c>--types</c> output, rCanary's ADTRES).</summary>
public sealed class FieldOwnership
{
    internal FieldOwnership(string type, string field, string api, IReadOnlyList<string> releasedBy, string? problem, string file, int line)
    {
        Type = type;
        Field = field;
        Api = api;
        ReleasedBy = releasedBy;
        Problem = problem;
        File = file;
        Line = line;
    }

    /// <summary>The containing type's display name.</summary>
    public string Type { get; }

    /// <summary>The field (or auto-property) name.</summary>
    public string Field { get; }

    /// <summary>The API whose result the field receives.</summary>
    public string Api { get; }

    /// <summary>Dispose methods and finalizers that release the field on at least one path.</summary>
    public IReadOnlyList<string> ReleasedBy { get; }

    /// <summary>The MA1002 finding, or null when the type releases the field.</summary>
    public string? Problem { get; }

    /// <summary>Source file of the field.</summary>
    public string File { get; }

    /// <summary>1-based line of the field.</summary>
    public int Line { get; }
}
