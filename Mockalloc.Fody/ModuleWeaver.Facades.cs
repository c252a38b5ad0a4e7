using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;

namespace Mockalloc.Fody;

/// <summary>
/// Step 2: the facade overload that stands for a BCL member: the receiver first (by <c>ref</c> for a struct), the
/// member's parameters, then a <c>CallSite</c> when the call's site is known.
/// </summary>
public sealed partial class ModuleWeaver
{
    private const string CallSiteType = "Mockalloc.CallSite";

    private readonly Dictionary<string, MethodReference?> _facades = [];

    /// <summary>The facade method to call for <paramref name="target"/>, instantiated for its generic arguments, or null.</summary>
    private MethodReference? Facade(Target target, bool withSite)
    {
        ResourceFacade facade = target.Row.Facade!;
        var shape = new List<string>();
        if (facade.TakesReceiver)
        {
            shape.Add(TypeShape.OfOpenType(target.Row.TypeName));
        }

        shape.AddRange(target.Bcl.Parameters.Select(p => TypeShape.Of(p.ParameterType)));
        if (withSite)
        {
            shape.Add(CallSiteType);
        }

        string key = facade.TypeName + "::" + facade.Member + "(" + string.Join(",", shape) + ")";
        if (!_facades.TryGetValue(key, out MethodReference? open))
        {
            open = FindFacade(facade, shape, ApiIndex.Arity(target.Row.TypeName), key);
            _facades[key] = open;
        }

        if (open is null || target.TypeArguments.Count == 0)
        {
            return open;
        }

        var instance = new GenericInstanceMethod(open);
        foreach (TypeReference argument in target.TypeArguments)
        {
            instance.GenericArguments.Add(argument);
        }

        return instance;
    }

    private MethodReference? FindFacade(ResourceFacade facade, List<string> shape, int arity, string display)
    {
        if (MockallocType(facade.TypeName) is not { } type)
        {
            return null;
        }

        foreach (MethodDefinition candidate in type.Methods)
        {
            if (candidate.Name == facade.Member
                && candidate.IsStatic
                && candidate.GenericParameters.Count == arity
                && candidate.Parameters.Count == shape.Count
                && candidate.Parameters.Select((p, i) => i == 0 && facade.TakesReceiver ? TypeShape.WithoutByRef(p.ParameterType) : TypeShape.Of(p.ParameterType)).SequenceEqual(shape))
            {
                return ModuleDefinition.ImportReference(candidate);
            }
        }

        // An older Mockalloc without this overload: leave the call alone, as the interceptors do.
        WriteWarning($"Mockalloc: the referenced Mockalloc has no facade {display}; those calls are not tracked. Use the Mockalloc package of the same version as Mockalloc.Fody.");
        return null;
    }
}
