using System.Collections.Generic;

namespace Mockalloc.Analyzers.Ownership;

/// <summary>One acquisition in a method and what happens to it on the explored paths.</summary>
public sealed class AcquisitionOwnership
{
    internal AcquisitionOwnership(string api, string? variable, string file, int line, IReadOnlyList<string> outcomes, string? leakPath)
    {
        Api = api;
        Variable = variable;
        File = file;
        Line = line;
        Outcomes = outcomes;
        LeakPath = leakPath;
    }

    /// <summary>The acquiring API, e.g. <c>NativeMemory.Alloc</c>.</summary>
    public string Api { get; }

    /// <summary>The local or parameter that first held the result, if any.</summary>
    public string? Variable { get; }

    /// <summary>Source file of the acquisition.</summary>
    public string File { get; }

    /// <summary>1-based line of the acquisition.</summary>
    public int Line { get; }

    /// <summary>Every distinct fate of the resource over the explored paths ("released by ... at line 9", "returned at line 4", "leaked when ...").</summary>
    public IReadOnlyList<string> Outcomes { get; }

    /// <summary>The first leaking path (the MA1001 wording), or null when the resource never leaks.</summary>
    public string? LeakPath { get; }
}
