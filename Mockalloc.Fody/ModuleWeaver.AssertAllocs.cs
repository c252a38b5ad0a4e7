using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Mockalloc.Fody;

/// <summary>
/// Step 4: wraps the body of an <c>[AssertAllocs]</c> method in a region (<c>Mockalloc.Weaving.RegionScope</c>):
/// <code>
/// scope = RegionScope.Begin(method, type);
/// try { original body; result = …; leave end; } fault { scope.EndFaulted(); }
/// end: scope.End(); return result;                  // a synchronous method
/// end: return scope.EndAsync(result);               // a Task or ValueTask method: the region ends with the task
/// </code>
/// The body's own exception leaves through the fault handler unchanged; an allocation error throws after a normal
/// completion only.
/// </summary>
public sealed partial class ModuleWeaver
{
    private const string AssertAllocsType = "Mockalloc.AssertAllocsAttribute";
    private const string RegionScopeType = "Mockalloc.Weaving.RegionScope";

    private static bool HasAssertAllocs(MethodDefinition method) =>
        method.HasCustomAttributes && method.CustomAttributes.Any(a => a.AttributeType.FullName == AssertAllocsType);

    /// <summary>An error at the method's first line where the PDB gives one (a method without a body has none).</summary>
    private void ErrorAt(MethodDefinition method, string message)
    {
        SequencePoint? first = method.HasBody ? method.DebugInformation.SequencePoints.FirstOrDefault(p => !p.IsHidden) : null;
        if (first is not null)
        {
            WriteError(message, first);
        }
        else
        {
            WriteError(message);
        }
    }

    private void ReportNoBody(MethodDefinition method) =>
        ErrorAt(
            method,
            method.IsAbstract
                ? $"Method '{Display(method)}' is abstract but has [AssertAllocs]: it has no body to wrap. Put the attribute on the implementations, or remove it."
                : $"Method '{Display(method)}' has no IL body (extern or runtime-implemented) but has [AssertAllocs]. Remove the attribute.");

    private bool WrapInRegion(MethodDefinition method)
    {
        if (RefusedReason(method) is { } reason)
        {
            ErrorAt(method, reason);
            return false;
        }

        MethodReference? begin = ImportMockallocMethod(RegionScopeType, "Begin", m => m.Parameters.Count == 2);
        MethodReference? faulted = ImportMockallocMethod(RegionScopeType, "EndFaulted", m => m.Parameters.Count == 0);
        MethodReference? end = EndMethod(method.ReturnType);
        if (begin is null || faulted is null || end is null)
        {
            return false;
        }

        MethodBody body = method.Body;
        ILProcessor il = body.GetILProcessor();
        var scope = new VariableDefinition(begin.ReturnType);
        body.Variables.Add(scope);
        bool returnsValue = method.ReturnType.MetadataType != MetadataType.Void;
        VariableDefinition? result = returnsValue ? new VariableDefinition(method.ReturnType) : null;
        if (result is not null)
        {
            body.Variables.Add(result);
        }

        // The epilogue, after the protected body.
        Instruction exit = il.Create(OpCodes.Ldloc, scope);
        Instruction[] epilogue = IsAsync(method.ReturnType)
            ? [exit, il.Create(OpCodes.Ldloc, result!), il.Create(OpCodes.Callvirt, end), il.Create(OpCodes.Ret)]
            : result is null
                ? [exit, il.Create(OpCodes.Callvirt, end), il.Create(OpCodes.Ret)]
                : [exit, il.Create(OpCodes.Callvirt, end), il.Create(OpCodes.Ldloc, result), il.Create(OpCodes.Ret)];

        // Every return becomes a store of the result and a leave to the epilogue (in place: branches to it stay right).
        foreach (Instruction ret in body.Instructions.Where(i => i.OpCode.Code == Code.Ret).ToList())
        {
            if (result is null)
            {
                ret.OpCode = OpCodes.Leave;
                ret.Operand = exit;
            }
            else
            {
                ret.OpCode = OpCodes.Stloc;
                ret.Operand = result;
                il.InsertAfter(ret, il.Create(OpCodes.Leave, exit));
            }
        }

        Instruction tryStart = body.Instructions[0];
        Instruction faultStart = il.Create(OpCodes.Ldloc, scope);
        Instruction[] prologue =
        [
            il.Create(OpCodes.Ldtoken, method),
            il.Create(OpCodes.Ldtoken, method.DeclaringType),
            il.Create(OpCodes.Call, begin),
            il.Create(OpCodes.Stloc, scope),
        ];
        foreach (Instruction instruction in prologue)
        {
            il.InsertBefore(tryStart, instruction);
        }

        // A handler that ran to the end of the method (a body whose last act is a rethrow) ends where ours begins.
        foreach (ExceptionHandler handler in body.ExceptionHandlers.Where(h => h.HandlerEnd is null))
        {
            handler.HandlerEnd = faultStart;
        }

        il.Append(faultStart);
        il.Append(il.Create(OpCodes.Callvirt, faulted));
        il.Append(il.Create(OpCodes.Endfinally));   // endfault has the same encoding
        foreach (Instruction instruction in epilogue)
        {
            il.Append(instruction);
        }

        body.ExceptionHandlers.Add(new ExceptionHandler(ExceptionHandlerType.Fault)
        {
            TryStart = tryStart,
            TryEnd = faultStart,
            HandlerStart = faultStart,
            HandlerEnd = exit,
        });
        body.InitLocals = true;
        return true;
    }

    /// <summary>Why a method cannot carry [AssertAllocs], worded as the error, or null.</summary>
    private static string? RefusedReason(MethodDefinition method)
    {
        bool asyncStateMachine = method.CustomAttributes.Any(a => a.AttributeType.FullName == "System.Runtime.CompilerServices.AsyncStateMachineAttribute");
        if (asyncStateMachine && method.ReturnType.MetadataType == MetadataType.Void)
        {
            return $"Method '{Display(method)}' is async void but has [AssertAllocs]: return Task instead, or remove the attribute (nothing tells when an async void method ends).";
        }

        if (method.CustomAttributes.Any(a => a.AttributeType.FullName is "System.Runtime.CompilerServices.IteratorStateMachineAttribute"
            or "System.Runtime.CompilerServices.AsyncIteratorStateMachineAttribute"))
        {
            return $"Method '{Display(method)}' is an iterator but has [AssertAllocs]: its body runs while the caller enumerates, after the method has returned. " +
                "Put the attribute on a method that enumerates it (or returns a list), or remove it.";
        }

        if (method.ReturnType.IsByReference)
        {
            return $"Method '{Display(method)}' returns by reference but has [AssertAllocs]. Remove the attribute, or put it on a caller.";
        }

        return null;
    }

    private static bool IsAsync(TypeReference returnType) =>
        ApiIndex.MetadataName(returnType) is "System.Threading.Tasks.Task" or "System.Threading.Tasks.Task`1"
            or "System.Threading.Tasks.ValueTask" or "System.Threading.Tasks.ValueTask`1";

    /// <summary><c>End</c> for a synchronous method, the <c>EndAsync</c> overload for the returned task's type otherwise.</summary>
    private MethodReference? EndMethod(TypeReference returnType)
    {
        if (!IsAsync(returnType))
        {
            return ImportMockallocMethod(RegionScopeType, "End", m => m.Parameters.Count == 0);
        }

        string taskType = ApiIndex.MetadataName(returnType);
        MethodReference? open = ImportMockallocMethod(RegionScopeType, "EndAsync", m => m.Parameters.Count == 1 && ApiIndex.MetadataName(m.Parameters[0].ParameterType) == taskType);
        if (open is null || returnType is not GenericInstanceType generic)
        {
            return open;
        }

        var instance = new GenericInstanceMethod(open);
        instance.GenericArguments.Add(generic.GenericArguments[0]);
        return instance;
    }
}
