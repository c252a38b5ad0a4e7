using System.Collections.Generic;

namespace Mockalloc.Analyzers.Ownership;

/// <summary>The ownership facts of one method (the <c>--explain</c> output): its summary and its acquisitions.</summary>
public sealed class MethodOwnership
{
    internal MethodOwnership(
        string method,
        string file,
        int line,
        IReadOnlyList<ParameterOwnership> parameters,
        string? returnsFresh,
        IReadOnlyList<string> releasedFields,
        IReadOnlyList<AcquisitionOwnership> acquisitions,
        bool analysed)
    {
        Method = method;
        File = file;
        Line = line;
        Parameters = parameters;
        ReturnsFresh = returnsFresh;
        ReleasedFields = releasedFields;
        Acquisitions = acquisitions;
        Analysed = analysed;
    }

    /// <summary>Display name, e.g. <c>Buffers.Copy(int)</c>.</summary>
    public string Method { get; }

    /// <summary>Source file of the declaration.</summary>
    public string File { get; }

    /// <summary>1-based line of the declaration.</summary>
    public int Line { get; }

    /// <summary>Per parameter, what the method does with it.</summary>
    public IReadOnlyList<ParameterOwnership> Parameters { get; }

    /// <summary>The API of a fresh resource the method returns to its caller, or null.</summary>
    public string? ReturnsFresh { get; }

    /// <summary>Instance fields of <c>this</c> the method releases on at least one path.</summary>
    public IReadOnlyList<string> ReleasedFields { get; }

    /// <summary>The resources the method acquires.</summary>
    public IReadOnlyList<AcquisitionOwnership> Acquisitions { get; }

    /// <summary>False when the body exceeded the path budget (no facts, conservative summary).</summary>
    public bool Analysed { get; }

    /// <summary>True when some acquisition leaks.</summary>
    public bool HasLeak
    {
        get
        {
            foreach (AcquisitionOwnership acquisition in Acquisitions)
            {
                if (acquisition.LeakPath is not null)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
