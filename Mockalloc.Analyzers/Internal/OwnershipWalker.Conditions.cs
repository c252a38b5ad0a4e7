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
    /// <summary>Applies "<paramref name="condition"/> is <paramref name="value"/>" to the state; false when the branch is infeasible.</summary>
    private bool Refine(IOperation condition, bool value, FlowState state)
    {
        if (condition.DescendantsAndSelf().Any(o => o is IFieldReferenceOperation { Instance: IInstanceReferenceOperation }))
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
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary:
                {
                    bool equal = binary.OperatorKind == BinaryOperatorKind.Equals ? value : !value;
                    if (IsNullLike(binary.RightOperand) && HolderOf(binary.LeftOperand) is { } left)
                    {
                        return RefineNull(left, equal, state);
                    }

                    if (IsNullLike(binary.LeftOperand) && HolderOf(binary.RightOperand) is { } right)
                    {
                        return RefineNull(right, equal, state);
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

    private static bool RefineGuard(Holder holder, bool value, FlowState state)
    {
        if (state.Guards.TryGetValue(holder, out bool known))
        {
            return known == value;
        }

        state.Guards[holder] = value;
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
