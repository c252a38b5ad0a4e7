using Microsoft.CodeAnalysis;

namespace Mockalloc.Analyzers.Internal;

/// <summary>Maps an auto-property of the compilation to its compiler-generated backing field.</summary>
internal static class BackingFields
{
    public static IFieldSymbol? Of(IPropertySymbol property)
    {
        if (property.DeclaringSyntaxReferences.Length == 0 || property.Parameters.Length > 0)
        {
            return null;
        }

        foreach (ISymbol member in property.ContainingType.GetMembers())
        {
            if (member is IFieldSymbol field && SymbolEqualityComparer.Default.Equals(field.AssociatedSymbol, property))
            {
                return field;
            }
        }

        return null;
    }
}
