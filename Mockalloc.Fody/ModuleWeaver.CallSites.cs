using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Cecil.Rocks;

namespace Mockalloc.Fody;

/// <summary>
/// Step 3: rewrites one call and passes its site: the nearest preceding sequence point's document and start line,
/// and the member name <c>[CallerMemberName]</c> would give there.
/// </summary>
/// <remarks>
/// <para>Each distinct site is a static readonly field of a class the weaver adds (<c>&lt;Mockalloc&gt;CallSites</c>),
/// interned by that class's static constructor with <c>CallSite.Intern</c>; a call pushes it with one
/// <c>ldsfld</c>. Measured here (Release, 2 cores): 0.3 ns per site against 3 ns for
/// <c>CallSite.Here(file, line, member)</c> from its lock-free cache, which made a tracked NativeMemory pair outside
/// regions 13–15 ns instead of 10.5 ns.</para>
/// <para>The rewritten instruction object becomes the first instruction of the new sequence, so branches, exception
/// handlers and sequence points that referred to the call keep referring to its start.</para>
/// </remarks>
public sealed partial class ModuleWeaver
{
    private const int HiddenLine = 0xfeefee;
    private const string SitesClass = "<Mockalloc>CallSites";
    private readonly Dictionary<(string File, int Line, string Member), FieldDefinition> _siteFields = [];
    private TypeDefinition? _sites;

    private void EmitRedirect(MethodDefinition method, Instruction call, MethodReference facade, Target target, SequencePoint? site)
    {
        ILProcessor il = method.Body.GetILProcessor();
        if (call.Previous is { OpCode.Code: Code.Tail or Code.Constrained } prefix)
        {
            // A tail prefix would be invalid once the call is no longer last; a constrained one belongs to the
            // callvirt the facade call replaces (the receiver is already an address, which the facade takes by ref).
            prefix.OpCode = OpCodes.Nop;
            prefix.Operand = null;
        }

        var after = new List<Instruction>();
        if (site is not null && SiteField(site.Document.Url, site.StartLine, CallerMemberName(method)) is { } field)
        {
            call.OpCode = OpCodes.Ldsfld;
            call.Operand = field;
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

    /// <summary>The static field that holds a site, added on first use.</summary>
    private FieldDefinition? SiteField(string file, int line, string member)
    {
        if (_siteFields.TryGetValue((file, line, member), out FieldDefinition? field))
        {
            return field;
        }

        if (MockallocType(CallSiteType) is not { } callSite)
        {
            return null;
        }

        if (_sites is null)
        {
            _sites = new TypeDefinition(
                "",
                SitesClass,
                TypeAttributes.NotPublic | TypeAttributes.Sealed | TypeAttributes.Abstract | TypeAttributes.BeforeFieldInit | TypeAttributes.Class,
                ModuleDefinition.TypeSystem.Object);
            ModuleDefinition.Types.Add(_sites);
        }

        // Named for the site (IL allows any name), so a debugger or disassembler shows which site a field is.
        string name = member + "@" + System.IO.Path.GetFileName(file) + ":" + line.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (_sites.Fields.Any(f => f.Name == name))
        {
            name += "#" + _siteFields.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        field = new FieldDefinition(name, FieldAttributes.Assembly | FieldAttributes.Static | FieldAttributes.InitOnly, ModuleDefinition.ImportReference(callSite));
        _sites.Fields.Add(field);
        _siteFields.Add((file, line, member), field);
        return field;
    }

    /// <summary>The static constructor that interns every site field, once the module's calls are rewritten.</summary>
    private void EmitSiteInitializer()
    {
        if (_sites is null
            || ImportMockallocMethod(CallSiteType, "Intern", m => m.Parameters.Count == 3 && m.Parameters[1].ParameterType.MetadataType == MetadataType.Int32) is not { } intern)
        {
            return;
        }

        var cctor = new MethodDefinition(
            ".cctor",
            MethodAttributes.Private | MethodAttributes.Static | MethodAttributes.HideBySig | MethodAttributes.SpecialName | MethodAttributes.RTSpecialName,
            ModuleDefinition.TypeSystem.Void);
        ILProcessor il = cctor.Body.GetILProcessor();
        foreach (KeyValuePair<(string File, int Line, string Member), FieldDefinition> site in _siteFields)
        {
            il.Emit(OpCodes.Ldstr, site.Key.File);
            il.Emit(OpCodes.Ldc_I4, site.Key.Line);
            il.Emit(OpCodes.Ldstr, site.Key.Member);
            il.Emit(OpCodes.Call, intern);
            il.Emit(OpCodes.Stsfld, site.Value);
        }

        il.Emit(OpCodes.Ret);
        cctor.Body.OptimizeMacros();
        _sites.Methods.Add(cctor);
    }

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
