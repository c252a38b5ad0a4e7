using Microsoft.CodeAnalysis;

namespace Mockalloc.Analyzers.Internal;

/// <summary>One acquisition in the analysed body: the call, the API, and the variable that first held it.</summary>
internal sealed class AcquisitionSite
{
    public AcquisitionSite(IOperation operation, string api)
    {
        Operation = operation;
        Api = api;
    }

    public IOperation Operation { get; }

    /// <summary>The API as messages name it, e.g. <c>NativeMemory.Alloc</c> or <c>Buffers.Create (NativeMemory.Alloc)</c>.</summary>
    public string Api { get; }

    /// <summary>The first named local or parameter that held the result, if any.</summary>
    public string? VariableName { get; set; }

    public Location Location => Operation.Syntax.GetLocation();
}
