using System.Collections.Generic;
using System.Linq;
using Fody;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Cecil.Rocks;

namespace Mockalloc.Fody;

/// <summary>
/// The Mockalloc weaver (<c>&lt;Mockalloc /&gt;</c> in FodyWeavers.xml): redirects every call of a tracked BCL
/// member (<see cref="TrackedApis"/>) in the woven module to its <c>Mockalloc.Tracked</c> facade with the call's
/// site, and wraps the bodies of <c>[AssertAllocs]</c> methods in regions.
/// </summary>
/// <remarks>
/// The steps live in partial files named for them: <c>ModuleWeaver.Mockalloc.cs</c> (the referenced Mockalloc
/// and its members), <c>ModuleWeaver.Redirect.cs</c>, <c>ModuleWeaver.CallSites.cs</c> and
/// <c>ModuleWeaver.AssertAllocs.cs</c>.
/// </remarks>
public sealed partial class ModuleWeaver : BaseModuleWeaver
{
    /// <summary>The facades call the BCL members themselves: redirecting those calls would recurse.</summary>
    internal const string FacadeNamespace = "Mockalloc.Tracked";

    /// <summary>The assembly that holds the facades, which is never woven.</summary>
    internal const string MockallocAssembly = "Mockalloc";

    /// <inheritdoc/>
    public override void Execute()
    {
        if (ModuleDefinition.Assembly.Name.Name == MockallocAssembly)
        {
            WriteInfo("Mockalloc: the assembly that holds the tracked facades is never woven.");
            return;
        }

        if (Config?.Attribute("WeaveReferences") is { } weaveReferences)
        {
            WriteWarning($"Mockalloc: WeaveReferences=\"{weaveReferences.Value}\" is not supported yet: only this assembly is woven (docs/weaver.md).");
        }

        foreach (TypeDefinition type in ModuleDefinition.GetTypes().ToList())
        {
            if (IsFacadeType(type))
            {
                continue;
            }

            foreach (MethodDefinition method in type.Methods.ToList())
            {
                if (_mockallocMissing)
                {
                    return;
                }

                WeaveMethod(method);
            }
        }

        EmitSiteInitializer();
    }

    /// <inheritdoc/>
    /// <remarks>The weaver finds what it needs through the referenced Mockalloc, not through Fody's type cache.</remarks>
    public override IEnumerable<string> GetAssembliesForScanning() => [];

    /// <inheritdoc/>
    /// <remarks>
    /// False: Fody would otherwise remove the reference to the assembly named like the weaver without <c>.Fody</c>,
    /// which is <c>Mockalloc</c>, the very assembly the woven code now calls.
    /// </remarks>
    public override bool ShouldCleanReference => false;

    private void WeaveMethod(MethodDefinition method)
    {
        bool assertAllocs = HasAssertAllocs(method);
        if (!method.HasBody)
        {
            if (assertAllocs)
            {
                ReportNoBody(method);
            }

            return;
        }

        MethodBody body = method.Body;
        if (!assertAllocs && !body.Instructions.Any(i => i.Operand is MethodReference called && ApiIndex.MemberNames.Contains(called.Name)))
        {
            return;   // nothing to rewrite: the body keeps its encoding byte for byte
        }

        body.SimplifyMacros();
        bool changed = Redirect(method);
        if (assertAllocs && !_mockallocMissing)
        {
            changed |= WrapInRegion(method);
        }

        body.OptimizeMacros();
        if (changed)
        {
            WriteDebug($"Mockalloc: wove {method.FullName}");
        }
    }

    private static bool IsFacadeType(TypeDefinition type)
    {
        TypeDefinition outer = type;
        while (outer.DeclaringType is { } declaring)
        {
            outer = declaring;
        }

        return outer.Namespace == FacadeNamespace;
    }

    /// <summary>"Type.Method" as errors name a member.</summary>
    internal static string Display(MethodDefinition method) => method.DeclaringType.Name + "." + method.Name;
}
