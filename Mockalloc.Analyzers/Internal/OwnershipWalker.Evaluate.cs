using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Mockalloc.Analyzers.Internal;

/// <summary>Evaluation of operations: which resources a value carries, and what each operation does to ownership.</summary>
internal sealed partial class OwnershipWalker
{
    /// <summary>Names of BCL members that keep an argument (collections, interlocked slots): passing a resource there transfers it.</summary>
    private static readonly HashSet<string> s_storingMembers = new(System.StringComparer.Ordinal)
    {
        "Add", "AddFirst", "AddLast", "AddRange", "Insert", "Push", "Enqueue", "TryAdd", "AddOrUpdate", "GetOrAdd",
        "Set", "SetValue", "TryUpdate", "Exchange", "CompareExchange", "Write", "Register", "Post", "TryWrite", "WriteAsync",
        "SetHandle",
    };

    private static readonly List<int> s_none = [];

    /// <summary>Flow captures that stand for a location (an assignment target captured before a conditional value).</summary>
    private readonly Dictionary<CaptureId, IOperation> _capturedLocations = [];

    private List<int> Eval(IOperation? operation, FlowState state)
    {
        switch (operation)
        {
            case null:
                return s_none;
            case ILocalReferenceOperation local:
                return state.HeldBy(Holder.Of(local.Local));
            case IParameterReferenceOperation parameter:
                return state.HeldBy(Holder.Of(parameter.Parameter));
            case IFlowCaptureReferenceOperation capture:
                return state.HeldBy(Holder.Of(capture.Id));
            case IFieldReferenceOperation field:
                Eval(field.Instance, state);
                return IsTrackedField(field.Field, field.Instance) ? state.HeldBy(Holder.Of(field.Field)) : s_none;
            case IPropertyReferenceOperation property:
                Eval(property.Instance, state);
                EvalArguments(property.Arguments, state);
                if (BackingField(property) is not { } backing)
                {
                    // A getter with a body may throw (Stream.Length on a stream that cannot seek).
                    MayThrow(state);
                    return s_none;
                }

                return IsTrackedField(backing, property.Instance) ? state.HeldBy(Holder.Of(backing)) : s_none;
            case IFlowCaptureOperation capture:
                if (capture.Value is IFieldReferenceOperation or IPropertyReferenceOperation or ILocalReferenceOperation or IParameterReferenceOperation or IArrayElementReferenceOperation)
                {
                    // The graph captures an assignment's target before evaluating a branching right-hand side.
                    _capturedLocations[capture.Id] = capture.Value;
                }

                Assign(Holder.Of(capture.Id), Eval(capture.Value, state), state, capture.Syntax);
                return s_none;
            case ISimpleAssignmentOperation assignment:
                {
                    List<int> value = Eval(assignment.Value, state);
                    AssignTo(assignment.Target, value, assignment.Value, state, assignment.Syntax);
                    return value;
                }

            case IConversionOperation conversion:
                {
                    List<int> value = Eval(conversion.Operand, state);
                    if (conversion.OperatorMethod is null)
                    {
                        // A view over a buffer (the built-in array-to-span conversions of C# 14) borrows it.
                        return IsView(conversion.Type) ? s_none : value;
                    }

                    return ResourceApiTable.Find(conversion.OperatorMethod) is { Role: ApiRole.Alias } ? value : s_none;
                }

            case IInvocationOperation invocation:
                return EvalInvocation(invocation, state);
            case IObjectCreationOperation creation:
                return EvalCreation(creation, state);
            case IArgumentOperation argument:
                return Eval(argument.Value, state);
            case IBinaryOperation binary:
                {
                    List<int> left = Eval(binary.LeftOperand, state);
                    List<int> right = Eval(binary.RightOperand, state);
                    return IsAddress(binary.Type) ? [.. left, .. right] : s_none;
                }

            case IAddressOfOperation addressOf:
                Escape(Eval(addressOf.Reference, state), state, "its address taken at line " + Line(addressOf.Syntax));
                foreach (ILocalReferenceOperation written in addressOf.Reference.DescendantsAndSelf().OfType<ILocalReferenceOperation>())
                {
                    Forget(written.Local, state);
                }

                return s_none;
            case IFlowAnonymousFunctionOperation lambda:
                EscapeCaptured(lambda.Syntax, state);
                return s_none;
            case IMethodReferenceOperation reference:
                Eval(reference.Instance, state);
                if (reference.Method.MethodKind == MethodKind.LocalFunction)
                {
                    EscapeCapturedBy(reference.Method, state);
                }

                return s_none;
            case ICompoundAssignmentOperation or IIncrementOrDecrementOperation or ICoalesceAssignmentOperation or IDeconstructionAssignmentOperation:
                foreach (IOperation child in operation.ChildOperations)
                {
                    Eval(child, state);
                }

                ForgetWritten(operation, state);
                return s_none;
            case IArrayCreationOperation { IsImplicit: true }:
                // The hidden array of a params call: the callee decides, like for any other argument.
                foreach (IOperation child in operation.ChildOperations)
                {
                    Eval(child, state);
                }

                return s_none;
            case IReturnOperation { Kind: OperationKind.YieldReturn } yielded:
                Escape(Eval(yielded.ReturnedValue, state), state, "yielded at line " + Line(yielded.Syntax));
                return s_none;
            case IIsPatternOperation pattern:
                {
                    // `x is T[] array` binds the tested value to a new variable on the branch where it matches.
                    List<int> tested = Eval(pattern.Value, state);
                    foreach (IOperation declaration in pattern.Pattern.DescendantsAndSelf())
                    {
                        ISymbol? declared = declaration switch
                        {
                            IDeclarationPatternOperation d => d.DeclaredSymbol,
                            IRecursivePatternOperation r => r.DeclaredSymbol,
                            _ => null,
                        };
                        if (declared is ILocalSymbol local && ReferenceEquals(declaration.Parent, pattern))
                        {
                            Assign(Holder.Of(local), tested, state, pattern.Syntax);
                        }
                    }

                    return s_none;
                }

            case IInvalidOperation:
                // Code that does not bind (being typed, or a missing reference): whatever it does with a
                // resource is unknown, so the walker stops following it rather than guess a leak.
                EscapeChildren(operation, state, "used by code that does not compile at line " + Line(operation.Syntax));
                return s_none;
            case IArrayCreationOperation:
            case ITupleOperation:
            case IAnonymousObjectCreationOperation:
            case ICollectionExpressionOperation:
                EscapeChildren(operation, state, "stored in a collection at line " + Line(operation.Syntax));
                return s_none;
            default:
                foreach (IOperation child in operation.ChildOperations)
                {
                    Eval(child, state);
                }

                return s_none;
        }
    }

    /// <summary>Forgets guard and comparison knowledge about every local or parameter an operation writes.</summary>
    private void ForgetWritten(IOperation operation, FlowState state)
    {
        IOperation? target = operation switch
        {
            ICompoundAssignmentOperation compound => compound.Target,
            IIncrementOrDecrementOperation increment => increment.Target,
            ICoalesceAssignmentOperation coalesce => coalesce.Target,
            IDeconstructionAssignmentOperation deconstruction => deconstruction.Target,
            IArgumentOperation argument => argument.Value,
            _ => null,
        };
        if (target is null)
        {
            return;
        }

        foreach (IOperation written in target.DescendantsAndSelf())
        {
            switch (written)
            {
                case ILocalReferenceOperation local:
                    Forget(local.Local, state);
                    break;
                case IParameterReferenceOperation parameter:
                    Forget(parameter.Parameter, state);
                    break;
            }
        }
    }

    private void EscapeChildren(IOperation operation, FlowState state, string outcome)
    {
        foreach (IOperation child in operation.ChildOperations)
        {
            if (child is IArrayInitializerOperation or IObjectOrCollectionInitializerOperation)
            {
                EscapeChildren(child, state, outcome);
            }
            else
            {
                Escape(Eval(child, state), state, outcome);
            }
        }
    }

    private static bool IsView(ITypeSymbol? type) =>
        type is not null && (type.IsRefLikeType || type.OriginalDefinition.ToDisplayString() is "System.Memory<T>" or "System.ReadOnlyMemory<T>");

    private static bool IsAddress(ITypeSymbol? type) =>
        type is not null && (type.TypeKind == TypeKind.Pointer || type.SpecialType is SpecialType.System_IntPtr or SpecialType.System_UIntPtr);

    /// <summary>Static fields and fields of <c>this</c> are holders the walker follows; fields of other objects are not.</summary>
    private static bool IsTrackedField(IFieldSymbol field, IOperation? instance) =>
        field.IsStatic || instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance };

    private static IFieldSymbol? BackingField(IPropertyReferenceOperation property) =>
        property.Arguments.Length == 0 ? BackingFields.Of(property.Property) : null;

    private void AssignTo(IOperation target, List<int> value, IOperation valueOperation, FlowState state, SyntaxNode at)
    {
        switch (target)
        {
            case ILocalReferenceOperation { Local.RefKind: not RefKind.None }:
                Escape(value, state, "stored through a ref local at line " + Line(at));
                return;
            case ILocalReferenceOperation local:
                Assign(Holder.Of(local.Local), value, state, at);
                UpdateGuard(Holder.Of(local.Local), local.Local.Type, valueOperation, state);
                return;
            case IParameterReferenceOperation parameter:
                Assign(Holder.Of(parameter.Parameter), value, state, at);
                UpdateGuard(Holder.Of(parameter.Parameter), parameter.Parameter.Type, valueOperation, state);
                return;
            case IFlowCaptureReferenceOperation capture when _capturedLocations.TryGetValue(capture.Id, out IOperation? location):
                AssignTo(location, value, valueOperation, state, at);
                return;
            case IFlowCaptureReferenceOperation capture:
                Assign(Holder.Of(capture.Id), value, state, at);
                return;
            case IFieldReferenceOperation field:
                Eval(field.Instance, state);
                StoreInField(field.Field, field.Instance, value, valueOperation, state, at);
                return;
            case IPropertyReferenceOperation property when BackingField(property) is { } backing:
                Eval(property.Instance, state);
                StoreInField(backing, property.Instance, value, valueOperation, state, at);
                return;
            default:
                foreach (IOperation child in target.ChildOperations)
                {
                    Eval(child, state);
                }

                Escape(value, state, "stored at line " + Line(at));
                return;
        }
    }

    private void StoreInField(IFieldSymbol field, IOperation? instance, List<int> value, IOperation valueOperation, FlowState state, SyntaxNode at)
    {
        if (!field.IsStatic)
        {
            RecordFieldStore(field, value, state);
        }

        if (IsTrackedField(field, instance))
        {
            if (!state.FieldGuarded && IsNullLike(valueOperation))
            {
                RecordClearedSeeds(field, state, at);
            }

            Assign(Holder.Of(field), value, state, at);
            foreach (int key in value)
            {
                if (key < 0 && state.Resources.ContainsKey(key))
                {
                    _result.SeedsStored.Add(key);
                    if (!field.IsStatic)
                    {
                        if (!_result.SeedFields.TryGetValue(key, out HashSet<IFieldSymbol>? fields))
                        {
                            _result.SeedFields[key] = fields = new HashSet<IFieldSymbol>(SymbolEqualityComparer.Default);
                        }

                        fields.Add(field);
                    }
                }
            }

            return;
        }

        Escape(value, state, "stored in field " + field.Name + " at line " + Line(at));
    }

    /// <summary>A field of <c>this</c> that owned what it held on entry is set to null while nothing else holds that: the block is forgotten.</summary>
    private void RecordClearedSeeds(IFieldSymbol field, FlowState state, SyntaxNode at)
    {
        foreach (int key in state.HeldBy(Holder.Of(field)))
        {
            if (state.Resources[key] is { IsSeed: true, Holders.Count: 1 } && !_result.SeedsCleared.ContainsKey(key))
            {
                _result.SeedsCleared[key] = new LeakPath(Phrase(state, "`" + (field.AssociatedSymbol?.Name ?? field.Name) + "` is cleared at line " + Line(at)), at.GetLocation());
            }
        }
    }

    private void RecordFieldStore(IFieldSymbol field, List<int> value, FlowState state)
    {
        foreach (int key in value)
        {
            if (state.Resources.TryGetValue(key, out TrackedResource? resource) && !resource.IsSeed)
            {
                _result.FieldStores.Add(new KeyValuePair<IFieldSymbol, string>(field, _result.Sites[resource.Site].Api));
            }
        }
    }

    private void UpdateGuard(Holder holder, ITypeSymbol type, IOperation value, FlowState state)
    {
        Forget(holder.Symbol!, state);
        if (type.SpecialType != SpecialType.System_Boolean)
        {
            return;
        }

        if (value.ConstantValue is { HasValue: true, Value: bool known } && TimesTested(holder) >= 1)
        {
            state.Guards[holder] = known;
        }
        else
        {
            state.Guards.Remove(holder);
        }
    }

    private List<int> EvalInvocation(IInvocationOperation invocation, FlowState state)
    {
        IMethodSymbol method = invocation.TargetMethod;
        List<int> receiver = Eval(invocation.Instance, state);
        List<int>[] arguments = EvalArguments(invocation.Arguments, state);
        int line = Line(invocation.Syntax);

        if (ResourceApiTable.Find(method) is { } api)
        {
            if (api.Role is ApiRole.Acquire or ApiRole.Reallocate)
            {
                // Out of memory: what was live before is still owned (Realloc keeps its argument).
                MayThrow(state);
            }

            return ApplyApi(api, invocation, receiver, arguments, state, line);
        }

        if (method.Name is "Exchange" or "CompareExchange" && method.ContainingType.ToDisplayString() == "System.Threading.Interlocked"
            && invocation.Arguments.Length >= 2 && HolderOf(invocation.Arguments[0].Value) is { } slot)
        {
            // Returns what the slot held and stores the new value there (CompareExchange: maybe, so the
            // slot keeps the old value too: no leak is claimed either way).
            List<int> old = arguments[0];
            List<int> stored = arguments[1];
            if (method.Name == "Exchange")
            {
                foreach (int key in old)
                {
                    state.Resources[key].Holders.Remove(slot);
                }
            }

            foreach (int key in stored)
            {
                if (state.Resources.TryGetValue(key, out TrackedResource? resource))
                {
                    resource.Holders.Add(slot);
                }
            }

            return old;
        }

        MethodSummary? summary = null;
        bool receiverIsThis = !method.IsStatic && invocation.Instance is null or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance };
        if (method.MethodKind is not (MethodKind.LocalFunction or MethodKind.DelegateInvoke or MethodKind.AnonymousFunction))
        {
            summary = _summaries.Get(method, receiverIsThis);
        }

        if (summary is null || !summary.Releases)
        {
            // A helper that releases (a Close or Cleanup of this compilation) is trusted not to throw, like a release API.
            MayThrow(state);
        }

        if (method.MethodKind is MethodKind.LocalFunction or MethodKind.DelegateInvoke or MethodKind.AnonymousFunction)
        {
            if (method.MethodKind == MethodKind.LocalFunction)
            {
                EscapeCapturedBy(method, state);
            }

            EscapeAll(arguments, state, "passed to " + method.Name + " at line " + line);
            return s_none;
        }

        if (summary is not null)
        {
            return ApplySummary(summary, method, invocation, arguments, receiverIsThis, state, line);
        }

        if (method.DeclaringSyntaxReferences.Length > 0 || s_storingMembers.Contains(method.Name))
        {
            // A virtual member of this compilation (any override may keep the argument), or a collection add.
            EscapeAll(arguments, state, "passed to " + method.Name + " at line " + line);
        }
        else
        {
            EscapeByReference(invocation.Arguments, arguments, state, line);
        }

        return s_none;
    }

    private List<int> EvalCreation(IObjectCreationOperation creation, FlowState state)
    {
        List<int>[] arguments = EvalArguments(creation.Arguments, state);
        int line = Line(creation.Syntax);
        IMethodSymbol? constructor = creation.Constructor;
        List<int> result = s_none;
        MayThrow(state);
        if (constructor is null)
        {
            EscapeAll(arguments, state, "passed to a constructor at line " + line);
        }
        else if (ResourceApiTable.Find(constructor) is { } api)
        {
            result = ApplyApi(api, creation, s_none, arguments, state, line);
        }
        else if (_summaries.Get(constructor, receiverIsThis: false) is { } summary)
        {
            ApplySummary(summary, constructor, creation, arguments, receiverIsThis: false, state, line);
        }
        else if (creation.Type?.SpecialType is SpecialType.System_IntPtr or SpecialType.System_UIntPtr && arguments.Length == 1)
        {
            result = arguments[0];
        }
        else if (constructor.DeclaringSyntaxReferences.Length > 0 || IsDisposable(constructor.ContainingType))
        {
            // A constructor of this compilation without a summary, or a disposable wrapper from metadata
            // (SafeHandle, streams over native memory): the new object may own the argument.
            EscapeAll(arguments, state, "passed to new " + constructor.ContainingType.Name + " at line " + line);
        }
        else
        {
            EscapeByReference(creation.Arguments, arguments, state, line);
        }

        if (creation.Initializer is not null)
        {
            EscapeChildren(creation.Initializer, state, "stored in a new " + creation.Type?.Name + " at line " + line);
        }

        return result;
    }

    private static bool IsDisposable(INamedTypeSymbol type) =>
        type.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_IDisposable || i.ToDisplayString() == "System.IAsyncDisposable");

    private List<int>[] EvalArguments(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, FlowState state)
    {
        var values = new List<int>[arguments.Length];
        foreach (IArgumentOperation argument in arguments)
        {
            int ordinal = argument.Parameter?.Ordinal ?? -1;
            List<int> value = Eval(argument.Value, state);
            if (argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out)
            {
                ForgetWritten(argument, state);
            }

            if (ordinal >= 0 && ordinal < values.Length)
            {
                values[ordinal] = value;
            }
        }

        for (int i = 0; i < values.Length; i++)
        {
            values[i] ??= s_none;
        }

        return values;
    }

    private List<int> ApplyApi(ResourceApi api, IOperation call, List<int> receiver, List<int>[] arguments, FlowState state, int line)
    {
        List<int> target = api.Argument < 0 ? receiver : api.Argument < arguments.Length ? arguments[api.Argument] : s_none;
        switch (api.Role)
        {
            case ApiRole.Acquire:
                return NewResource(call, api.Display, state, api.MayReturnNull);
            case ApiRole.Release:
                Release(target, state, "released by " + api.Display + " at line " + line);
                return s_none;
            case ApiRole.Reallocate:
                Release(target, state, "moved by " + api.Display + " at line " + line);
                return NewResource(call, api.Display, state, api.MayReturnNull);
            default:
                return target;
        }
    }

    private List<int> ApplySummary(MethodSummary summary, IMethodSymbol method, IOperation call, List<int>[] arguments, bool receiverIsThis, FlowState state, int line)
    {
        string callee = method.ContainingType.Name + "." + (method.MethodKind == MethodKind.Constructor ? "ctor" : method.Name);
        for (int i = 0; i < arguments.Length && i < summary.Parameters.Length; i++)
        {
            switch (summary.Parameters[i])
            {
                case ParameterEffect.Releases:
                    Release(arguments[i], state, "released by " + callee + " at line " + line);
                    break;
                case ParameterEffect.Stores:
                    foreach (IFieldSymbol field in summary.ParameterFields[i])
                    {
                        RecordFieldStore(field, arguments[i], state);
                    }

                    if (receiverIsThis && summary.ParameterFields[i].Length > 0)
                    {
                        foreach (IFieldSymbol field in summary.ParameterFields[i])
                        {
                            Assign(Holder.Of(field), arguments[i], state, call.Syntax);
                        }

                        MarkSeedsStored(arguments[i], state);
                    }
                    else
                    {
                        Escape(arguments[i], state, "stored by " + callee + " at line " + line);
                    }

                    break;
            }
        }

        if (receiverIsThis)
        {
            foreach (KeyValuePair<IFieldSymbol, LeakPath> missed in summary.MissedFields)
            {
                foreach (int key in state.HeldBy(Holder.Of(missed.Key)))
                {
                    if (key < 0 && !state.FieldGuarded && !_result.SeedsMissed.ContainsKey(key))
                    {
                        _result.SeedsMissed[key] = new LeakPath("in `" + method.Name + "` " + missed.Value.Description, missed.Value.Location);
                    }
                }
            }

            foreach (IFieldSymbol field in summary.ReleasedFields)
            {
                Release(state.HeldBy(Holder.Of(field)), state, "released by " + callee + " at line " + line);
            }
        }

        return summary.ReturnsFreshApi is { } api ? NewResource(call, callee + " (" + api + ")", state) : s_none;
    }

    private void MarkSeedsStored(List<int> keys, FlowState state)
    {
        foreach (int key in keys)
        {
            if (key < 0 && state.Resources.ContainsKey(key))
            {
                _result.SeedsStored.Add(key);
            }
        }
    }

    /// <summary>A callee in metadata only borrows its arguments, except those passed by ref or out, which it may replace.</summary>
    private void EscapeByReference(System.Collections.Immutable.ImmutableArray<IArgumentOperation> operations, List<int>[] arguments, FlowState state, int line)
    {
        foreach (IArgumentOperation argument in operations)
        {
            if (argument.Parameter is { RefKind: RefKind.Ref or RefKind.Out } parameter && parameter.Ordinal < arguments.Length)
            {
                Escape(arguments[parameter.Ordinal], state, "passed by reference at line " + line);
            }
        }
    }

    private void EscapeAll(List<int>[] arguments, FlowState state, string outcome)
    {
        foreach (List<int> argument in arguments)
        {
            Escape(argument, state, outcome);
        }
    }

    /// <summary>Resources held by locals a lambda or local function mentions are handed to it: the walker stops following them.</summary>
    private void EscapeCaptured(SyntaxNode function, FlowState state)
    {
        var names = new HashSet<string>(function.DescendantNodes().OfType<IdentifierNameSyntax>().Select(n => n.Identifier.ValueText), System.StringComparer.Ordinal);
        var captured = new List<int>();
        foreach (KeyValuePair<int, TrackedResource> pair in state.Resources)
        {
            if (pair.Value.Holders.Any(h => h.IsNamedVariable && names.Contains(h.Name)))
            {
                captured.Add(pair.Key);
            }
        }

        Escape(captured, state, "captured by a lambda or local function at line " + Line(function));

        // The function may write what it captures whenever it runs: forget what conditions told about those variables.
        foreach (Holder guard in state.Guards.Keys.Where(h => names.Contains(h.Name)).ToList())
        {
            state.Guards.Remove(guard);
        }

        foreach (string key in state.Facts.Keys.Where(k => _factVariables.TryGetValue(k, out string[]? vars) && vars.Any(names.Contains)).ToList())
        {
            state.Facts.Remove(key);
        }
    }

    private void EscapeCapturedBy(IMethodSymbol localFunction, FlowState state)
    {
        foreach (SyntaxReference reference in localFunction.DeclaringSyntaxReferences)
        {
            EscapeCaptured(reference.GetSyntax(_cancellation), state);
        }
    }

    private List<int> NewResource(IOperation call, string api, FlowState state, bool maybeNull = false)
    {
        if (!_siteIndex.TryGetValue(call, out int site))
        {
            site = _result.Sites.Count;
            _siteIndex[call] = site;
            _result.Sites.Add(new AcquisitionSite(call, api));
        }

        // Two keys per site: the newest instance, and every older one still alive (a previous loop iteration).
        int key = site * 2;
        if (state.Resources.TryGetValue(key, out TrackedResource? previous))
        {
            state.Resources.Remove(key);
            if (state.Resources.TryGetValue(key + 1, out TrackedResource? older))
            {
                older.Holders.UnionWith(previous.Holders);
            }
            else
            {
                state.Resources[key + 1] = previous;
            }
        }

        state.Resources[key] = new TrackedResource(site, maybeNull, []);
        return [key];
    }

    private void Assign(Holder holder, List<int> value, FlowState state, SyntaxNode? at)
    {
        foreach (int key in state.HeldBy(holder))
        {
            if (value.Contains(key))
            {
                continue;
            }

            TrackedResource resource = state.Resources[key];
            resource.Holders.Remove(holder);
            if (resource.Holders.Count == 0)
            {
                Lost(key, resource, state, "`" + holder.Name + "` is overwritten at line " + Line(at), at?.GetLocation());
            }
        }

        foreach (int key in value)
        {
            if (state.Resources.TryGetValue(key, out TrackedResource? resource))
            {
                resource.Holders.Add(holder);
                if (!resource.IsSeed && holder.IsNamedVariable && _result.Sites[resource.Site].VariableName is null)
                {
                    _result.Sites[resource.Site].VariableName = holder.Name;
                }
            }
        }
    }

    private void Lost(int key, TrackedResource resource, FlowState state, string what, Location? where)
    {
        state.Resources.Remove(key);
        if (!resource.IsSeed)
        {
            Leak(resource.Site, state, what, where);
        }
        else if (!state.FieldGuarded && _result.Seeds.TryGetValue(key, out ISymbol? symbol) && symbol is IFieldSymbol && !_result.SeedsMissed.ContainsKey(key))
        {
            _result.SeedsMissed[key] = new LeakPath(Phrase(state, what), where);
        }
    }

    private void Release(List<int> keys, FlowState state, string outcome)
    {
        foreach (int key in keys)
        {
            if (state.Resources.TryGetValue(key, out TrackedResource? resource))
            {
                state.Resources.Remove(key);
                if (resource.IsSeed)
                {
                    _result.SeedsReleased.Add(key);
                }
                else
                {
                    _result.AddOutcome(resource.Site, outcome);
                }
            }
        }
    }

    private void Escape(List<int> keys, FlowState state, string outcome, bool returned = false)
    {
        foreach (int key in keys)
        {
            if (state.Resources.TryGetValue(key, out TrackedResource? resource))
            {
                state.Resources.Remove(key);
                if (resource.IsSeed)
                {
                    _result.SeedsStored.Add(key);
                }
                else
                {
                    _result.AddOutcome(resource.Site, outcome);
                    if (returned)
                    {
                        _result.ReturnsFreshApi ??= _result.Sites[resource.Site].Api;
                    }
                }
            }
        }
    }
}
