namespace Mockalloc.Analyzers.Internal;

/// <summary>Why a body is walked.</summary>
internal enum WalkMode
{
    /// <summary>Find leaks of resources acquired in the body (MA1001).</summary>
    Report,

    /// <summary>Compute the body's summary: seeds its parameters and resource fields and records what happens to them.</summary>
    Summary,
}
