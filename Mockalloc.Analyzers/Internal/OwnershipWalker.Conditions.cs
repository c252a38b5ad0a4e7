using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Mockalloc.Analyzers.Internal;

/// <summary>
/// Branch conditions: prunes paths a condition makes impossible (a boolean guard already known, a null
/// test of a variable that holds a live resource) and records what the taken branch tells.
/// </summary>
internal sealed partial class OwnershipWalker
{
    /// <summary>The variables each comparison fact reads, to forget it when one is written.</summary>
    private readonly Dictionary<string, string[]> _factVariables = new(System.StringComparer.Ordinal);

    /// <summary>
    /// How many branches of the body test each boolean variable or comparison. Only a condition tested
    /// twice can correlate two branches, so only those are remembered: independent conditions would
    /// otherwise multiply the states (2^n for n unrelated <c>if</c>s) without making anything more exact.
    /// </summary>
    private Dictionary<object, int>? _conditionCounts;

    private int TimesTested(object condition)
    {
        if (_conditionCounts is null)
        {
            _conditionCounts = [];
            foreach (BasicBlock block in _cfg.Blocks)
            {
                if (block.ConditionKind != ControlFlowConditionKind.None && block.BranchValue is { } branch && ConditionKey(branch) is { } key)
                {
                    _conditionCounts[key] = _conditionCounts.TryGetValue(key, out int count) ? count + 1 : 1;
                }
            }
        }

        return _conditionCounts.TryGetValue(condition, out int times) ? times : 0;
    }

    /// <summary>What a branch condition tests, for <see cref="TimesTested"/>: a boolean variable's holder or a comparison's key.</summary>
    private object? ConditionKey(IOperation condition) => Unwrap(condition) switch
    {
        IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not => ConditionKey(not.Operand),
        ILocalReferenceOperation local => Holder.Of(local.Local),
        IParameterReferenceOperation parameter => Holder.Of(parameter.Parameter),
        IBinaryOperation binary => Comparison(binary)?.Key,
        _ => null,
    };

    /// <summary>Applies "<paramref name="condition"/> is <paramref name="value"/>" to the state; false when the branch is infeasible.</summary>
    private bool Refine(IOperation condition, bool value, FlowState state)
    {
        if (condition.DescendantsAndSelf().Any(o => o is IFieldReferenceOperation { Instance: IInstanceReferenceOperation } or IPropertyReferenceOperation { Instance: IInstanceReferenceOperation }
            || (_disposing is not null && o is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, _disposing))))
        {
            state.FieldGuarded = true;
        }

        string text = condition.Syntax.ToString();
        if (text.Length > 60)
        {
            text = text.Substring(0, 57) + "...";
        }

        state.LastDecision = "`" + text + "` is " + (value ? "true" : "false");
        return RefineCore(condition, value, state);
    }

    private bool RefineCore(IOperation condition, bool value, FlowState state)
    {
        switch (Unwrap(condition))
        {
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return RefineCore(not.Operand, !value, state);
            case ILiteralOperation { ConstantValue: { HasValue: true, Value: bool constant } }:
                return constant == value;
            case ILocalReferenceOperation local when local.Type?.SpecialType == SpecialType.System_Boolean:
                return RefineGuard(Holder.Of(local.Local), value, state);
            case IParameterReferenceOperation parameter when parameter.Type?.SpecialType == SpecialType.System_Boolean:
                return RefineGuard(Holder.Of(parameter.Parameter), value, state);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary
                when (IsNullLike(binary.RightOperand) && HolderOf(binary.LeftOperand) is not null) || (IsNullLike(binary.LeftOperand) && HolderOf(binary.RightOperand) is not null):
                {
                    bool equal = binary.OperatorKind == BinaryOperatorKind.Equals ? value : !value;
                    return IsNullLike(binary.RightOperand) && HolderOf(binary.LeftOperand) is { } left
                        ? RefineNull(left, equal, state)
                        : RefineNull(HolderOf(binary.RightOperand)!, equal, state);
                }

            case IBinaryOperation binary when Comparison(binary) is { } fact:
                {
                    bool holds = fact.Negated ? !value : value;
                    if (state.Facts.TryGetValue(fact.Key, out bool known))
                    {
                        return known == holds;
                    }

                    if (TimesTested(fact.Key) >= 2)
                    {
                        state.Facts[fact.Key] = holds;
                    }

                    return true;
                }

            case IIsNullOperation isNull when HolderOf(isNull.Operand) is { } holder:
                return RefineNull(holder, value, state);
            case IIsPatternOperation { Pattern: IConstantPatternOperation constant } pattern when IsNullLike(constant.Value) && HolderOf(pattern.Value) is { } holder:
                return RefineNull(holder, value, state);
            case IIsPatternOperation { Pattern: INegatedPatternOperation { Pattern: IConstantPatternOperation constant } } pattern when IsNullLike(constant.Value) && HolderOf(pattern.Value) is { } holder:
                return RefineNull(holder, !value, state);
            case IPropertyReferenceOperation { Property.Name: "IsAllocated" } allocated when HolderOf(allocated.Instance) is { } holder:
                return RefineNull(holder, !value, state);
            default:
                return true;
        }
    }

    /// <summary>
    /// A comparison of locals, parameters and constants, in a canonical form shared by its negation
    /// (<c>a != b</c> is <c>!(a == b)</c>, <c>a &lt;= b</c> is <c>!(a &gt; b)</c>), or null for anything else.
    /// </summary>
    private (string Key, bool Negated)? Comparison(IBinaryOperation binary)
    {
        string? left = StableOperand(binary.LeftOperand);
        string? right = StableOperand(binary.RightOperand);
        if (left is null || right is null)
        {
            return null;
        }

        (string op, bool negated) = binary.OperatorKind switch
        {
            BinaryOperatorKind.Equals => ("==", false),
            BinaryOperatorKind.NotEquals => ("==", true),
            BinaryOperatorKind.GreaterThan => (">", false),
            BinaryOperatorKind.LessThanOrEqual => (">", true),
            BinaryOperatorKind.LessThan => ("<", false),
            BinaryOperatorKind.GreaterThanOrEqual => ("<", true),
            _ => ("", false),
        };
        if (op.Length == 0)
        {
            return null;
        }

        string key = left + " " + op + " " + right;
        if (!_factVariables.ContainsKey(key))
        {
            var names = new List<string>();
            foreach (IOperation side in new[] { binary.LeftOperand, binary.RightOperand })
            {
                switch (Unwrap(side))
                {
                    case ILocalReferenceOperation local:
                        names.Add(local.Local.Name);
                        break;
                    case IParameterReferenceOperation parameter:
                        names.Add(parameter.Parameter.Name);
                        break;
                }
            }

            _factVariables[key] = [.. names];
        }

        return (key, negated);
    }

    /// <summary>Text of an operand whose value only an assignment the walker sees can change: a local, a parameter, a constant.</summary>
    private static string? StableOperand(IOperation operand) => Unwrap(operand) switch
    {
        ILocalReferenceOperation { Local.RefKind: RefKind.None } local => "$" + local.Local.Name,
        IParameterReferenceOperation { Parameter.RefKind: RefKind.None } parameter => "$" + parameter.Parameter.Name,
        { ConstantValue: { HasValue: true } constant } => "#" + (constant.Value?.ToString() ?? "null"),
        _ => null,
    };

    /// <summary>A local or parameter was written: forget its guard value and every comparison that reads it.</summary>
    private void Forget(ISymbol variable, FlowState state)
    {
        state.Guards.Remove(Holder.Of(variable));
        if (state.Facts.Count == 0)
        {
            return;
        }

        foreach (string key in state.Facts.Keys.ToList())
        {
            if (_factVariables.TryGetValue(key, out string[]? names) && System.Array.IndexOf(names, variable.Name) >= 0)
            {
                state.Facts.Remove(key);
            }
        }
    }

    private bool RefineGuard(Holder holder, bool value, FlowState state)
    {
        if (state.Guards.TryGetValue(holder, out bool known))
        {
            return known == value;
        }

        if (TimesTested(holder) >= 2)
        {
            state.Guards[holder] = value;
        }

        return true;
    }

    /// <summary>
    /// The holder is (<paramref name="isNull"/>) or is not null on this branch. An acquisition never returns
    /// null, so a null branch for a holder of a live acquired resource is infeasible; a seed (a parameter or
    /// field that may be null) simply has nothing to release on that branch.
    /// </summary>
    private static bool RefineNull(Holder holder, bool isNull, FlowState state)
    {
        foreach (int key in state.HeldBy(holder))
        {
            TrackedResource resource = state.Resources[key];
            if (!isNull)
            {
                resource.MaybeNull = false;
            }
            else if (!resource.MaybeNull)
            {
                return false;
            }
            else
            {
                state.Resources.Remove(key);
            }
        }

        return true;
    }

    private static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation { OperatorMethod: null } conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    private static bool IsNullLike(IOperation? operation)
    {
        if (operation is null)
        {
            return false;
        }

        operation = Unwrap(operation);
        if (operation is IDefaultValueOperation)
        {
            return true;
        }

        if (operation.ConstantValue is { HasValue: true } constant)
        {
            return constant.Value is null or 0 or 0L or 0U or 0UL;
        }

        return operation is IFieldReferenceOperation { Field: { IsStatic: true, Name: "Zero" } field }
            && field.ContainingType.SpecialType is SpecialType.System_IntPtr or SpecialType.System_UIntPtr;
    }

    private static Holder? HolderOf(IOperation? operation) => operation is null ? null : Unwrap(operation) switch
    {
        ILocalReferenceOperation local => Holder.Of(local.Local),
        IParameterReferenceOperation parameter => Holder.Of(parameter.Parameter),
        IFlowCaptureReferenceOperation capture => Holder.Of(capture.Id),
        IFieldReferenceOperation field when IsTrackedField(field.Field, field.Instance) => Holder.Of(field.Field),
        IPropertyReferenceOperation property when BackingField(property) is { } backing && IsTrackedField(backing, property.Instance) => Holder.Of(backing),
        _ => null,
    };
}
