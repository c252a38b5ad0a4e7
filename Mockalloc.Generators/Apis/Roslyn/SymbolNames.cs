using Microsoft.CodeAnalysis;

namespace Mockalloc.Apis;

/// <summary>
/// The names <see cref="TrackedApis"/> keys its rows by, read off Roslyn symbols. Compiled into both Roslyn
/// components (the generator and the static checker); the weaver reads the same names off Cecil types.
/// </summary>
internal static class SymbolNames
{
    /// <summary>Namespace-qualified metadata name (<c>System.Buffers.ArrayPool`1</c>, nested types with <c>+</c>).</summary>
    public static string MetadataName(ITypeSymbol type)
    {
        string outer = type.ContainingType is { } containing
            ? MetadataName(containing) + "+"
            : type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." : "";
        return outer + type.MetadataName;
    }
}
