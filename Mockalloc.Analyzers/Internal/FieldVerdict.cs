using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Mockalloc.Analyzers.Internal;

/// <summary>Whether a type releases the resource kept in one of its fields (rCanary's proxy-type check).</summary>
internal sealed class FieldVerdict
{
    public FieldVerdict(IFieldSymbol field, string api, IReadOnlyList<string> releasers, string? problem, Location? problemLocation = null)
    {
        ProblemLocation = problemLocation;
        Field = field;
        Api = api;
        Releasers = releasers;
        Problem = problem;
    }

    public IFieldSymbol Field { get; }

    /// <summary>The API whose result was stored in the field.</summary>
    public string Api { get; }

    /// <summary>Dispose methods and finalizers that release the field on at least one path.</summary>
    public IReadOnlyList<string> Releasers { get; }

    /// <summary>What is wrong (the end of the MA1002 message), or null when the field is released.</summary>
    public string? Problem { get; }

    /// <summary>Where the path that loses the field's resource ends (a return of Dispose, a clearing store), if known.</summary>
    public Location? ProblemLocation { get; }

    /// <summary>The name of the field, or of the auto-property it backs.</summary>
    public string FieldName => Field.AssociatedSymbol?.Name ?? Field.Name;

    public Location Location => (Field.AssociatedSymbol ?? Field).Locations[0];
}
