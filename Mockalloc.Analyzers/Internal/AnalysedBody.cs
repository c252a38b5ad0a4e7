using Microsoft.CodeAnalysis;

namespace Mockalloc.Analyzers.Internal;

/// <summary>One walked body (a method, or a lambda or local function inside it) and what the walk found.</summary>
internal sealed class AnalysedBody
{
    public AnalysedBody(IMethodSymbol method, WalkResult result)
    {
        Method = method;
        Result = result;
    }

    public IMethodSymbol Method { get; }

    public WalkResult Result { get; }
}
