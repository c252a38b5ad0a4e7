using System.Linq;
using Mono.Cecil;

namespace Mockalloc.Fody;

/// <summary>
/// A type written so that a BCL member's signature and its facade's compare equal: generic parameters by position,
/// whoever declares them (the BCL type's <c>T</c> is the facade method's <c>T</c>), modifiers dropped.
/// </summary>
internal static class TypeShape
{
    /// <summary>The shape of <paramref name="type"/>.</summary>
    public static string Of(TypeReference type) => type switch
    {
        GenericParameter parameter => "`" + parameter.Position,
        ByReferenceType byRef => Of(byRef.ElementType) + "&",
        PointerType pointer => Of(pointer.ElementType) + "*",
        ArrayType array => Of(array.ElementType) + "[" + new string(',', array.Rank - 1) + "]",
        RequiredModifierType required => Of(required.ElementType),
        OptionalModifierType optional => Of(optional.ElementType),
        GenericInstanceType generic => generic.ElementType.FullName + "<" + string.Join(",", generic.GenericArguments.Select(Of)) + ">",
        _ => type.FullName,
    };

    /// <summary>The shape of a row's declaring type with its own generic parameters: <c>System.Buffers.ArrayPool`1&lt;`0&gt;</c>.</summary>
    public static string OfOpenType(string metadataName)
    {
        int arity = ApiIndex.Arity(metadataName);
        return arity == 0
            ? metadataName
            : metadataName + "<" + string.Join(",", Enumerable.Range(0, arity).Select(i => "`" + i)) + ">";
    }

    /// <summary>The shape without a trailing by-ref.</summary>
    public static string WithoutByRef(TypeReference type) => Of(type is ByReferenceType byRef ? byRef.ElementType : type);

    /// <summary>Whether the type mentions a generic parameter anywhere.</summary>
    public static bool HasGenericParameter(TypeReference type) => type.ContainsGenericParameter;
}
