using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Mockalloc.Fody;

/// <summary>
/// Step 1: finds each <c>call</c>, <c>callvirt</c>, <c>newobj</c> and <c>ldftn</c> of a tracked BCL member and
/// points it at the member's facade.
/// </summary>
/// <remarks>
/// The rules mirror the interceptor generator's: the facades themselves are never woven; <c>base.Rent</c> in a
/// derived pool (a non-virtual <c>call</c> of a class's instance member) is left alone; <c>IMemoryOwner&lt;T&gt;.Dispose</c>
/// binds to <c>IDisposable.Dispose</c> and is redirected only when the receiver's static type is
/// <c>IMemoryOwner&lt;T&gt;</c>; a <c>callvirt</c> of an override in a derived pool follows it to the table's member.
/// </remarks>
public sealed partial class ModuleWeaver
{
    /// <summary>A call to redirect: the table row, the BCL member as called and the declaring type's generic arguments.</summary>
    private sealed class Target(ResourceApi row, MethodReference bcl, IReadOnlyList<TypeReference> typeArguments, bool constructsInPlace)
    {
        public ResourceApi Row { get; } = row;

        public MethodReference Bcl { get; } = bcl;

        public IReadOnlyList<TypeReference> TypeArguments { get; } = typeArguments;

        public bool ConstructsInPlace { get; } = constructsInPlace;
    }

    private readonly Dictionary<string, Target?> _overrides = [];

    private bool Redirect(MethodDefinition method)
    {
        Dictionary<Instruction, SequencePoint>? sites = null;
        bool changed = false;
        foreach (Instruction instruction in method.Body.Instructions.ToList())
        {
            if (instruction.Operand is not MethodReference called || !ApiIndex.MemberNames.Contains(called.Name))
            {
                continue;
            }

            Target? target = instruction.OpCode.Code switch
            {
                Code.Call or Code.Callvirt or Code.Newobj => FindCall(instruction, called),
                Code.Ldftn => FindStatic(called),
                _ => null,
            };
            if (target is null)
            {
                continue;
            }

            sites ??= SequencePointsOf(method);
            SequencePoint? site = instruction.OpCode.Code == Code.Ldftn ? null : sites.TryGetValue(instruction, out SequencePoint? point) ? point : null;
            MethodReference? facade = Facade(target, withSite: site is not null);
            if (facade is null)
            {
                if (_mockallocMissing)
                {
                    return changed;
                }

                continue;
            }

            if (instruction.OpCode.Code == Code.Call && called.HasThis && !target.ConstructsInPlace && !TakesReceiverByRef(facade))
            {
                continue;   // base.Rent(...) in a derived pool: a non-virtual call of a class's own member
            }

            if (instruction.OpCode.Code == Code.Ldftn)
            {
                instruction.Operand = facade;
            }
            else
            {
                EmitRedirect(method, instruction, facade, target, site);
            }

            changed = true;
        }

        return changed;
    }

    private Target? FindCall(Instruction instruction, MethodReference called)
    {
        if (instruction.Previous is { OpCode.Code: Code.Constrained, Operand: TypeReference constrained })
        {
            return FindConstrainedDispose(called, constrained);
        }

        string typeName = ApiIndex.MetadataName(called.DeclaringType);
        bool constructor = called.Name == ".ctor";
        if (constructor != (instruction.OpCode.Code == Code.Newobj) && !(constructor && instruction.OpCode.Code == Code.Call))
        {
            return null;
        }

        if (ApiIndex.Find(typeName, called.Name) is { } row)
        {
            return new Target(row, called, GenericArguments(called.DeclaringType), constructsInPlace: constructor && instruction.OpCode.Code == Code.Call);
        }

        if (instruction.OpCode.Code != Code.Callvirt)
        {
            return null;
        }

        if (typeName == "System.IDisposable" && called.Name == "Dispose")
        {
            return FindMemoryOwnerDispose(instruction, called);
        }

        // Resolving is the costly part (Roslyn alone has thousands of calls of its own Free and Dispose): once per member.
        string key = called.FullName;
        if (!_overrides.TryGetValue(key, out Target? target))
        {
            target = FindOverridden(called);
            _overrides.Add(key, target);
        }

        return target;
    }

    private static Target? FindStatic(MethodReference called) =>
        !called.HasThis && ApiIndex.Find(ApiIndex.MetadataName(called.DeclaringType), called.Name) is { Facade.TakesReceiver: false } row
            ? new Target(row, called, [], constructsInPlace: false)
            : null;

    /// <summary>
    /// <c>constrained. GCHandle&lt;T&gt; callvirt IDisposable::Dispose</c>, which is how C# disposes a struct in a
    /// <c>using</c>: the typed handle's own <c>Dispose</c>, with the handle's address as the receiver. Other
    /// constrained calls (on a type parameter) are left alone: the receiver's type is not known here.
    /// </summary>
    private static Target? FindConstrainedDispose(MethodReference called, TypeReference constrained) =>
        called.Name == "Dispose"
        && ApiIndex.MetadataName(called.DeclaringType) == "System.IDisposable"
        && constrained is GenericInstanceType generic
        && ApiIndex.Find(ApiIndex.MetadataName(generic), "Dispose") is { Facade.TakesReceiver: true } row
            ? new Target(row, called, generic.GenericArguments.ToList(), constructsInPlace: false)
            : null;

    /// <summary><c>IDisposable.Dispose</c> called on a receiver whose static type is <c>IMemoryOwner&lt;T&gt;</c>.</summary>
    private static Target? FindMemoryOwnerDispose(Instruction instruction, MethodReference called)
    {
        TypeReference? receiver = StaticType(instruction.Previous);
        if (receiver is not GenericInstanceType generic
            || ApiIndex.MetadataName(generic) != "System.Buffers.IMemoryOwner`1"
            || ApiIndex.Find("System.Buffers.IMemoryOwner`1", "Dispose") is not { } row)
        {
            return null;
        }

        return new Target(row, called, generic.GenericArguments.ToList(), constructsInPlace: false);
    }

    /// <summary>The static type of what an instruction pushes, where it is plain to read (locals, arguments, fields, results).</summary>
    private static TypeReference? StaticType(Instruction? instruction) => instruction?.Operand switch
    {
        VariableDefinition local when instruction.OpCode.Code == Code.Ldloc => local.VariableType,
        ParameterDefinition parameter when instruction.OpCode.Code == Code.Ldarg => parameter.ParameterType,
        FieldReference field when instruction.OpCode.Code is Code.Ldfld or Code.Ldsfld
            && !(field.DeclaringType.IsGenericInstance && field.FieldType.ContainsGenericParameter) => field.FieldType,
        MethodReference method when instruction.OpCode.Code is Code.Call or Code.Callvirt => ReturnType(method),
        _ => null,
    };

    /// <summary>
    /// A call's return type in the caller's terms: <c>IMemoryOwner&lt;!!0&gt;</c> of <c>Rent&lt;byte&gt;</c> (a facade the weaver
    /// just put there, or any generic method) is <c>IMemoryOwner&lt;byte&gt;</c>; null where that takes more than this.
    /// </summary>
    private static TypeReference? ReturnType(MethodReference method)
    {
        TypeReference type = method.ReturnType;
        if (!type.ContainsGenericParameter)
        {
            return type;
        }

        if (method.DeclaringType.IsGenericInstance || method is not GenericInstanceMethod instance || type is not GenericInstanceType generic)
        {
            return null;
        }

        var closed = new GenericInstanceType(generic.ElementType);
        foreach (TypeReference argument in generic.GenericArguments)
        {
            if (argument is GenericParameter { Type: GenericParameterType.Method } parameter)
            {
                closed.GenericArguments.Add(instance.GenericArguments[parameter.Position]);
            }
            else if (argument.ContainsGenericParameter)
            {
                return null;
            }
            else
            {
                closed.GenericArguments.Add(argument);
            }
        }

        return closed;
    }

    /// <summary>A <c>callvirt</c> of an override (a custom pool's <c>Rent</c>) followed to the table's member it overrides.</summary>
    private static Target? FindOverridden(MethodReference called)
    {
        MethodDefinition? definition;
        try
        {
            definition = called.Resolve();
        }
        catch (AssemblyResolutionException)
        {
            return null;
        }

        if (definition is not { IsVirtual: true, IsNewSlot: false } || called.DeclaringType.IsGenericInstance)
        {
            return null;
        }

        for (TypeReference? baseType = definition.DeclaringType.BaseType; baseType is not null;)
        {
            if (ApiIndex.Find(ApiIndex.MetadataName(baseType), called.Name) is { } row)
            {
                return baseType.ContainsGenericParameter ? null : new Target(row, BaseMember(baseType, called), GenericArguments(baseType), constructsInPlace: false);
            }

            TypeDefinition? resolved;
            try
            {
                resolved = baseType.Resolve();
            }
            catch (AssemblyResolutionException)
            {
                return null;
            }

            baseType = resolved?.BaseType;
        }

        return null;
    }

    /// <summary>The table member on <paramref name="baseType"/> with the override's name and parameters, as its open signature.</summary>
    private static MethodReference BaseMember(TypeReference baseType, MethodReference called)
    {
        MethodDefinition? declared = baseType.Resolve()?.Methods.FirstOrDefault(m => m.Name == called.Name && m.Parameters.Count == called.Parameters.Count);
        return declared ?? called;
    }

    private static IReadOnlyList<TypeReference> GenericArguments(TypeReference type) =>
        type is GenericInstanceType generic ? generic.GenericArguments.ToList() : [];

    private static bool TakesReceiverByRef(MethodReference facade) =>
        facade.Parameters.Count > 0 && facade.Parameters[0].ParameterType is ByReferenceType;
}
