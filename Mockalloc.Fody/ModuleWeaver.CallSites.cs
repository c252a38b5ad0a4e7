using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Mockalloc.Fody;

/// <summary>
/// Step 3: rewrites one call and passes its site: the nearest preceding sequence point's document and start line,
/// and the member name <c>[CallerMemberName]</c> would give there.
/// </summary>
/// <remarks>
/// The site is pushed as <c>ldstr file; ldc.i4 line; ldstr member; call CallSite.Here</c>: the literals are the
/// same string objects at every execution, so after the first call <c>Here</c> answers from its lock-free cache.
/// The rewritten instruction object becomes the first instruction of the new sequence, so branches, exception
/// handlers and sequence points that referred to the call keep referring to its start.
/// </remarks>
public sealed partial class ModuleWeaver
{
    private const int HiddenLine = 0xfeefee;
    private MethodReference? _callSiteHere;

    private void EmitRedirect(MethodDefinition method, Instruction call, MethodReference facade, Target target, SequencePoint? site)
    {
        ILProcessor il = method.Body.GetILProcessor();
        if (call.Previous is { OpCode.Code: Code.Tail } tail)
        {
            tail.OpCode = OpCodes.Nop;   // the call is no longer last: a tail prefix would be invalid
            tail.Operand = null;
        }

        var after = new List<Instruction>();
        if (site is not null && CallSiteHere() is { } here)
        {
            call.OpCode = OpCodes.Ldstr;
            call.Operand = site.Document.Url;
            after.Add(il.Create(OpCodes.Ldc_I4, site.StartLine));
            after.Add(il.Create(OpCodes.Ldstr, CallerMemberName(method)));
            after.Add(il.Create(OpCodes.Call, here));
            after.Add(il.Create(OpCodes.Call, facade));
        }
        else
        {
            call.OpCode = OpCodes.Call;
            call.Operand = facade;
        }

        if (target.ConstructsInPlace)
        {
            // ldloca h; ldarg x; call GCHandle<T>::.ctor(T) → ldloca h; ldarg x; call NewGCHandle<T>(T); stobj GCHandle<T>
            after.Add(il.Create(OpCodes.Stobj, target.Bcl.DeclaringType));
        }

        Instruction previous = call;
        foreach (Instruction next in after)
        {
            il.InsertAfter(previous, next);
            previous = next;
        }
    }

    private MethodReference? CallSiteHere() =>
        _callSiteHere ??= ImportMockallocMethod(CallSiteType, "Here", m => m.Parameters.Count == 3 && m.Parameters[1].ParameterType.MetadataType == MetadataType.Int32);

    /// <summary>Each instruction's nearest preceding visible sequence point, read before the body changes.</summary>
    private static Dictionary<Instruction, SequencePoint> SequencePointsOf(MethodDefinition method)
    {
        var sites = new Dictionary<Instruction, SequencePoint>();
        if (!method.DebugInformation.HasSequencePoints)
        {
            return sites;
        }

        Dictionary<int, SequencePoint> byOffset = method.DebugInformation.SequencePoints
            .Where(p => !p.IsHidden && p.StartLine != HiddenLine)
            .GroupBy(p => p.Offset)
            .ToDictionary(g => g.Key, g => g.First());
        SequencePoint? current = null;
        foreach (Instruction instruction in method.Body.Instructions)
        {
            if (byOffset.TryGetValue(instruction.Offset, out SequencePoint? point))
            {
                current = point;
            }

            if (current is not null)
            {
                sites[instruction] = current;
            }
        }

        return sites;
    }

    /// <summary>
    /// The name <c>[CallerMemberName]</c> gives in the source member that compiled to <paramref name="method"/>: lambdas,
    /// local functions and state machines name the member around them, accessors their property or event, explicit
    /// implementations the interface member.
    /// </summary>
    internal static string CallerMemberName(MethodDefinition method)
    {
        string name = method.Name;
        bool generated = false;
        if (method.Name == "MoveNext" && method.DeclaringType.Name.StartsWith("<", System.StringComparison.Ordinal))
        {
            name = method.DeclaringType.Name;   // <Outer>d__3: an async method or iterator
        }

        if (name.StartsWith("<", System.StringComparison.Ordinal) && name.IndexOf('>') is int end and > 1)
        {
            name = name.Substring(1, end - 1);   // <Outer>b__0_0, <Outer>g__Local|0_0
            generated = true;
        }

        int dot = name.LastIndexOf('.');
        if (dot > 0 && dot < name.Length - 1 && name != ".ctor" && name != ".cctor")
        {
            name = name.Substring(dot + 1);   // Namespace.IInterface.Member
        }

        if (generated || method.IsSpecialName || method.IsGetter || method.IsSetter || method.IsAddOn || method.IsRemoveOn)
        {
            foreach (string prefix in new[] { "get_", "set_", "add_", "remove_" })
            {
                if (name.StartsWith(prefix, System.StringComparison.Ordinal))
                {
                    return name.Substring(prefix.Length);
                }
            }
        }

        return name;
    }
}
