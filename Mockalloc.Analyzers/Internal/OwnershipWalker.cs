using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace Mockalloc.Analyzers.Internal;

/// <summary>
/// Path-sensitive ownership dataflow over one <see cref="ControlFlowGraph"/>. States are not merged at
/// joins: each distinct <see cref="FlowState"/> reaching a block is explored once, so loops end when no
/// new state appears, and correlated guards stay exact. A step budget bounds pathological bodies.
/// This file holds the traversal (blocks, branches, finally and catch regions, exits); evaluation of
/// operations and branch conditions live in the partial files beside it.
/// </summary>
internal sealed partial class OwnershipWalker
{
    /// <summary>Upper bound on (block, state) visits for one body walked for its leaks.</summary>
    public const int MaxSteps = 20_000;

    /// <summary>
    /// Upper bound for a summary walk: a callee too branchy to summarise quickly gets the conservative
    /// summary (its arguments count as stored), which can only hide a leak, never invent one.
    /// </summary>
    public const int MaxSummarySteps = 2_000;

    private readonly ControlFlowGraph _cfg;
    private readonly IMethodSymbol _method;
    private readonly WalkMode _mode;
    private readonly ISummarySource _summaries;
    private readonly SyntaxNode _body;
    private readonly IParameterSymbol? _disposing;
    private readonly CancellationToken _cancellation;
    private readonly WalkResult _result = new();
    private readonly Dictionary<IOperation, int> _siteIndex = [];
    private readonly Queue<KeyValuePair<int, FlowState>> _work = new();
    private readonly Dictionary<int, HashSet<FlowState>> _seen = [];

    /// <summary>The region of the block being evaluated when a call there may throw into a handler of this graph, else null.</summary>
    private ControlFlowRegion? _throwsFrom;

    public OwnershipWalker(ControlFlowGraph cfg, IMethodSymbol method, SyntaxNode body, WalkMode mode, ISummarySource summaries, CancellationToken cancellation)
    {
        _cfg = cfg;
        _method = method;
        _body = body;
        _disposing = DisposingFlag(method);
        _mode = mode;
        _summaries = summaries;
        _cancellation = cancellation;
    }

    public WalkResult Run()
    {
        var entry = new FlowState();
        if (_mode == WalkMode.Summary)
        {
            Seed(entry);
        }

        Enqueue(0, entry);
        int steps = 0;
        while (_work.Count > 0)
        {
            _cancellation.ThrowIfCancellationRequested();
            if (++steps > (_mode == WalkMode.Summary ? MaxSummarySteps : MaxSteps))
            {
                _result.Aborted = true;
                _result.Leaks.Clear();
                break;
            }

            KeyValuePair<int, FlowState> item = _work.Dequeue();
            Process(_cfg.Blocks[item.Key], item.Value);
        }

        return _result;
    }

    private void Seed(FlowState state)
    {
        foreach (IParameterSymbol parameter in _method.Parameters)
        {
            if (parameter.RefKind != RefKind.Out && MayCarryResource(parameter.Type))
            {
                int key = MethodSummary.ParameterSeed(parameter.Ordinal);
                state.Resources[key] = new TrackedResource(key, maybeNull: true, [Holder.Of(parameter)]);
                _result.Seeds[key] = parameter;
            }
        }

        if (_method.IsStatic || _method.ContainingType is null)
        {
            return;
        }

        int index = 0;
        foreach (IFieldSymbol field in _method.ContainingType.GetMembers().OfType<IFieldSymbol>())
        {
            if (!field.IsStatic && !field.IsConst && MayCarryResource(field.Type))
            {
                int key = MethodSummary.FieldSeed(index++);
                state.Resources[key] = new TrackedResource(key, maybeNull: true, [Holder.Of(field)]);
                _result.Seeds[key] = field;
            }
        }
    }

    /// <summary>
    /// The <c>disposing</c> parameter of the dispose pattern's <c>Dispose(bool)</c> (an override, or a
    /// parameter named <c>disposing</c>) whose type has no finalizer: then only <c>Dispose()</c> calls it,
    /// with <c>true</c>, and the <c>disposing == false</c> path of <c>if (disposing) { ... }</c> never runs.
    /// With a finalizer (<c>Component</c> has one) that path is the finalizer's and must release native
    /// memory too.
    /// </summary>
    private static IParameterSymbol? DisposingFlag(IMethodSymbol method)
    {
        if (method.Name != "Dispose" || method.Parameters.Length != 1 || method.Parameters[0].Type.SpecialType != SpecialType.System_Boolean
            || !(method.IsOverride || method.Parameters[0].Name == "disposing"))
        {
            return null;
        }

        for (INamedTypeSymbol? type = method.ContainingType; type is not null && type.SpecialType != SpecialType.System_Object; type = type.BaseType)
        {
            if (type.GetMembers().OfType<IMethodSymbol>().Any(m => m.MethodKind == MethodKind.Destructor))
            {
                return null;
            }
        }

        return method.Parameters[0];
    }

    /// <summary>A parameter or field a caller's resource can arrive in: a resource type, or a type parameter or interface that may stand for one.</summary>
    private static bool MayCarryResource(ITypeSymbol type) =>
        ResourceApiTable.CanHoldResource(type) || type.TypeKind is TypeKind.TypeParameter or TypeKind.Interface;

    private void Enqueue(int ordinal, FlowState state)
    {
        if (!_seen.TryGetValue(ordinal, out HashSet<FlowState>? seen))
        {
            _seen[ordinal] = seen = [];
        }

        if (seen.Add(state))
        {
            _work.Enqueue(new KeyValuePair<int, FlowState>(ordinal, state));
        }
    }

    private void Process(BasicBlock block, FlowState state)
    {
        if (block.Kind == BasicBlockKind.Exit)
        {
            ExitCheck(state, throwing: false);
            return;
        }

        _throwsFrom = HasEnclosingCatch(block.EnclosingRegion) ? block.EnclosingRegion : null;
        state = state.Clone();
        foreach (IOperation operation in block.Operations)
        {
            Eval(operation, state);
            CheckDiscarded(state, operation.Syntax);
        }

        IOperation? branchValue = block.BranchValue;
        List<int> value = Eval(branchValue, state);
        ControlFlowBranch? fallThrough = block.FallThroughSuccessor;
        SyntaxNode? lastSyntax = branchValue?.Syntax ?? (block.Operations.Length > 0 ? block.Operations[block.Operations.Length - 1].Syntax : null);

        if (block.ConditionKind == ControlFlowConditionKind.None)
        {
            if (fallThrough?.Semantics == ControlFlowBranchSemantics.Return)
            {
                SetExit(state, "the method returns", lastSyntax);
                Escape(value, state, "returned at line " + Line(lastSyntax), returned: true);
            }

            CheckDiscarded(state, lastSyntax);
            Take(fallThrough, state, lastSyntax);
            return;
        }

        CheckDiscarded(state, lastSyntax);
        bool whenTrue = block.ConditionKind == ControlFlowConditionKind.WhenTrue;
        FlowState other = state.Clone();
        if (Refine(branchValue!, whenTrue, other))
        {
            Take(block.ConditionalSuccessor, other, lastSyntax);
        }

        if (Refine(branchValue!, !whenTrue, state))
        {
            Take(fallThrough, state, lastSyntax);
        }
    }

    private void Take(ControlFlowBranch? branch, FlowState state, SyntaxNode? at)
    {
        if (branch is null)
        {
            return;
        }

        switch (branch.Semantics)
        {
            case ControlFlowBranchSemantics.Regular:
            case ControlFlowBranchSemantics.Return:
                BasicBlock destination = branch.Destination!;
                if (destination.Kind == BasicBlockKind.Exit && state.ExitDescription is null)
                {
                    SetExit(state, "the method returns", at);
                }

                if (branch.FinallyRegions.Length == 0)
                {
                    Enqueue(destination.Ordinal, state);
                    return;
                }

                state.Continuations.Add(Continuation.Goto(destination.Ordinal));
                for (int i = branch.FinallyRegions.Length - 1; i >= 1; i--)
                {
                    state.Continuations.Add(Continuation.Finally(branch.FinallyRegions[i]));
                }

                Enqueue(branch.FinallyRegions[0].FirstBlockOrdinal, state);
                return;
            case ControlFlowBranchSemantics.Throw:
            case ControlFlowBranchSemantics.Rethrow:
                Propagate(branch.Source.EnclosingRegion, state, Line(at));
                return;
            case ControlFlowBranchSemantics.StructuredExceptionHandling:
                Resume(state);
                return;
            default:
                // ProgramTermination, Error, None: the path ends without leaving the method normally.
                return;
        }
    }

    /// <summary>The end of a finally region: carry on with what the branch that entered it meant to do.</summary>
    private void Resume(FlowState state)
    {
        if (state.Continuations.Count == 0)
        {
            return;
        }

        Continuation next = state.Continuations[state.Continuations.Count - 1];
        state.Continuations.RemoveAt(state.Continuations.Count - 1);
        switch (next.Kind)
        {
            case ContinuationKind.Goto:
                Enqueue(next.Ordinal, state);
                break;
            case ContinuationKind.Finally:
                Enqueue(next.Region!.FirstBlockOrdinal, state);
                break;
            case ContinuationKind.Throw:
                Propagate(next.Region!, state, next.Line, next.Implicit);
                break;
        }
    }

    /// <summary>
    /// An exception leaves <paramref name="from"/>: run catch handlers or finally regions, or leave the
    /// method. An <paramref name="implicitThrow"/> (a call that may throw) that no handler of the method
    /// catches ends the path without a report (see <see cref="MayThrow"/>).
    /// </summary>
    private void Propagate(ControlFlowRegion? from, FlowState state, int line, bool implicitThrow = false)
    {
        for (ControlFlowRegion? region = from; region is not null && region != _cfg.Root; region = region.EnclosingRegion)
        {
            ControlFlowRegion? parent = region.EnclosingRegion;
            if (region.Kind != ControlFlowRegionKind.Try || parent is null)
            {
                continue;
            }

            if (parent.Kind == ControlFlowRegionKind.TryAndCatch)
            {
                bool caughtForSure = false;
                foreach (ControlFlowRegion handler in parent.NestedRegions)
                {
                    if (handler != region)
                    {
                        Enqueue(handler.FirstBlockOrdinal, state.Clone());
                        caughtForSure |= IsCatchAll(handler);
                    }
                }

                if (caughtForSure)
                {
                    return;
                }
            }
            else if (parent.Kind == ControlFlowRegionKind.TryAndFinally)
            {
                state.Continuations.Add(Continuation.Throw(parent, line, implicitThrow));
                Enqueue(parent.NestedRegions[1].FirstBlockOrdinal, state);
                return;
            }
        }

        if (implicitThrow)
        {
            return;
        }

        state.ExitDescription = "the method throws at line " + line;
        ExitCheck(state, throwing: true);
    }

    /// <summary>
    /// A call inside a try with catch handlers may throw: the handlers see the state at the call, after
    /// its arguments are evaluated and before it acts (explicit throws are followed exactly by
    /// <see cref="Propagate"/>). The exception takes the same route as an explicit one: a finally region
    /// between the call and the handler runs first (a <c>using</c> or try/finally nested in the try/catch
    /// releases on the way). A temporary handed straight to the call (held by no variable or field) is
    /// the callee's: whether it released it before throwing is not the caller's path.
    /// </summary>
    private void MayThrow(FlowState state)
    {
        if (_throwsFrom is null)
        {
            return;
        }

        FlowState thrown = state.Clone();
        foreach (int key in thrown.Resources.Where(r => r.Value.Holders.All(h => h.Capture is not null)).Select(r => r.Key).ToList())
        {
            thrown.Resources.Remove(key);
        }

        // No line: an implicit exception is never reported as leaving the method, and one line for all
        // keeps the states of different throw points equal.
        Propagate(_throwsFrom, thrown, line: 0, implicitThrow: true);
    }

    /// <summary>
    /// True when <paramref name="region"/> lies in the try of a try/catch of this graph, and not in a
    /// finally region nested in that try: a finally's own code (the releases) is assumed not to throw,
    /// and a throw from it would abandon the continuation of the branch that entered it, which the state
    /// does not tell apart. Stop at this graph's root: a local function's or lambda's regions are nested
    /// in those of the body that declares it, whose handlers are blocks of another graph.
    /// </summary>
    private bool HasEnclosingCatch(ControlFlowRegion? region)
    {
        for (; region is not null && region != _cfg.Root; region = region.EnclosingRegion)
        {
            if (region.Kind == ControlFlowRegionKind.Finally)
            {
                return false;
            }

            if (region.Kind == ControlFlowRegionKind.Try && region.EnclosingRegion?.Kind == ControlFlowRegionKind.TryAndCatch)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsCatchAll(ControlFlowRegion handler) =>
        handler.Kind == ControlFlowRegionKind.Catch
        && (handler.ExceptionType is null
            || handler.ExceptionType.SpecialType == SpecialType.System_Object
            || handler.ExceptionType.ToDisplayString() == "System.Exception");

    private void ExitCheck(FlowState state, bool throwing)
    {
        foreach (KeyValuePair<int, TrackedResource> pair in state.Resources)
        {
            TrackedResource resource = pair.Value;
            if (resource.IsSeed)
            {
                if (!throwing && !state.FieldGuarded && _result.Seeds.TryGetValue(pair.Key, out ISymbol? symbol) && symbol is IFieldSymbol
                    && !_result.SeedsMissed.ContainsKey(pair.Key))
                {
                    _result.SeedsMissed[pair.Key] = new LeakPath(Phrase(state, state.ExitDescription ?? "the method returns"), state.ExitLocation);
                }

                continue;
            }

            Holder? keeper = resource.Holders.FirstOrDefault(h => h.Survives(_method));
            if (keeper is not null)
            {
                _result.AddOutcome(resource.Site, "kept in " + Describe(keeper));
                continue;
            }

            Leak(resource.Site, state, state.ExitDescription ?? "the method returns", state.ExitLocation);
        }
    }

    private void CheckDiscarded(FlowState state, SyntaxNode? at)
    {
        List<int>? dropped = null;
        foreach (KeyValuePair<int, TrackedResource> pair in state.Resources)
        {
            if (pair.Value.Holders.Count == 0)
            {
                (dropped ??= []).Add(pair.Key);
            }
        }

        if (dropped is null)
        {
            return;
        }

        foreach (int key in dropped)
        {
            TrackedResource resource = state.Resources[key];
            state.Resources.Remove(key);
            if (!resource.IsSeed)
            {
                Leak(resource.Site, state, "its value is discarded at line " + Line(at), at?.GetLocation());
            }
        }
    }

    private void Leak(int site, FlowState state, string what, Location? where)
    {
        _result.AddOutcome(site, "leaked when " + what);
        if (!_result.Leaks.ContainsKey(site))
        {
            _result.Leaks[site] = new LeakPath(Phrase(state, what), where);
        }
    }

    private static string Phrase(FlowState state, string what) =>
        state.LastDecision is null ? "when " + what : "when " + state.LastDecision + " and " + what;

    private void SetExit(FlowState state, string what, SyntaxNode? at)
    {
        SyntaxNode? returnStatement = at is null ? null : ReturnAfter(at);
        if (returnStatement is not null || (at is not null && IsReturnValue(at)))
        {
            SyntaxNode node = returnStatement ?? (at!.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.ReturnStatementSyntax statement ? statement : at!);
            state.ExitDescription = what + " at line " + Line(node);
            state.ExitLocation = node.GetLocation();
            return;
        }

        SyntaxToken closing = _body.GetLastToken();
        state.ExitDescription = what + " at line " + (closing.GetLocation().GetLineSpan().StartLinePosition.Line + 1);
        state.ExitLocation = closing.GetLocation();
    }

    /// <summary>True when <paramref name="node"/> is the expression of a return statement or an expression body.</summary>
    private static bool IsReturnValue(SyntaxNode node) =>
        node.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.ReturnStatementSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.ArrowExpressionClauseSyntax;

    /// <summary>A <c>return;</c> that directly follows <paramref name="at"/> (an early return after a condition or a statement).</summary>
    private static SyntaxNode? ReturnAfter(SyntaxNode at)
    {
        SyntaxToken token = at.GetLastToken();
        for (int i = 0; i < 3; i++)
        {
            token = token.GetNextToken();
            if (token.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.ReturnKeyword))
            {
                return token.Parent;
            }

            if (!token.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.CloseParenToken)
                && !token.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.OpenBraceToken)
                && !token.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.SemicolonToken))
            {
                return null;
            }
        }

        return null;
    }

    private static string Describe(Holder holder) => holder.Symbol switch
    {
        IFieldSymbol f => (f.IsStatic ? "static field " : "field ") + (f.AssociatedSymbol?.Name ?? f.Name),
        IParameterSymbol p => "parameter " + p.Name,
        _ => holder.Name,
    };

    /// <summary>1-based line where <paramref name="node"/> starts.</summary>
    private static int Line(SyntaxNode? node) => node is null ? 0 : node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
}
