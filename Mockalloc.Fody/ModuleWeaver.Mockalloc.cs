using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;

namespace Mockalloc.Fody;

/// <summary>The referenced Mockalloc assembly and the members of it that woven code calls.</summary>
public sealed partial class ModuleWeaver
{
    private readonly Dictionary<string, TypeDefinition?> _mockallocTypes = [];
    private ModuleDefinition? _mockalloc;
    private bool _mockallocMissing;

    /// <summary>
    /// A type of the referenced Mockalloc assembly, or null when the assembly or the type is missing (the first
    /// miss of the assembly logs the error that names the fix and stops the weaving).
    /// </summary>
    private TypeDefinition? MockallocType(string fullName)
    {
        if (_mockallocTypes.TryGetValue(fullName, out TypeDefinition? cached))
        {
            return cached;
        }

        ModuleDefinition? module = MockallocModule();
        TypeDefinition? type = module?.GetType(fullName);
        if (module is not null && type is null)
        {
            WriteError($"Mockalloc: the referenced Mockalloc ({module.Assembly.Name.Version}) has no type '{fullName}'. Use the Mockalloc package of the same version as Mockalloc.Fody.");
        }

        _mockallocTypes[fullName] = type;
        return type;
    }

    private ModuleDefinition? MockallocModule()
    {
        if (_mockalloc is not null || _mockallocMissing)
        {
            return _mockalloc;
        }

        // Resolved from the project's references rather than the module's: the compiler drops a reference that
        // no code uses, and a library whose only use of Mockalloc is what the weaver adds is the common case.
        AssemblyNameReference? reference = ModuleDefinition.AssemblyReferences.FirstOrDefault(r => r.Name == MockallocAssembly);
        AssemblyDefinition? assembly = reference is not null ? AssemblyResolver?.Resolve(reference) : null;
        assembly ??= ResolveAssembly?.Invoke(MockallocAssembly);
        if (assembly is null)
        {
            _mockallocMissing = true;
            WriteError(
                $"Mockalloc: '{ModuleDefinition.Assembly.Name.Name}' calls APIs that Mockalloc tracks, but the Mockalloc assembly is not among its references. " +
                "Add the Mockalloc package (<PackageReference Include=\"Mockalloc\" />) to the project that is woven.");
            return null;
        }

        _mockalloc = assembly.MainModule;
        return _mockalloc;
    }

    /// <summary>A method of a Mockalloc type imported into the woven module, or null.</summary>
    private MethodReference? ImportMockallocMethod(string typeName, string name, System.Func<MethodDefinition, bool> match)
    {
        if (MockallocType(typeName) is not { } type)
        {
            return null;
        }

        MethodDefinition? method = type.Methods.FirstOrDefault(m => m.Name == name && match(m));
        if (method is null)
        {
            WriteError($"Mockalloc: the referenced Mockalloc has no method '{typeName}.{name}' of the expected shape. Use the Mockalloc package of the same version as Mockalloc.Fody.");
            return null;
        }

        return ModuleDefinition.ImportReference(method);
    }
}
