using Microsoft.CodeAnalysis;

namespace Mockalloc.Analyzers.Internal;

/// <summary>Gives the walker the summary of a callee in the same compilation.</summary>
internal interface ISummarySource
{
    /// <summary>
    /// The callee's summary, or null when it has no body here, or a call may reach another implementation
    /// (a virtual member called on anything but <c>this</c>).
    /// </summary>
    MethodSummary? Get(IMethodSymbol method, bool receiverIsThis);
}
