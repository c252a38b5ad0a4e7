using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Mockalloc.Analyzers.Internal;

/// <summary>
/// What a method of the compilation does with ownership, as seen by its callers: per parameter
/// (borrows, releases, stores), fields of <c>this</c> it releases, and whether it returns a fresh resource.
/// </summary>
internal sealed class MethodSummary
{
    public MethodSummary(
        ImmutableArray<ParameterEffect> parameters,
        ImmutableArray<ImmutableArray<IFieldSymbol>> parameterFields,
        ImmutableHashSet<IFieldSymbol> releasedFields,
        ImmutableDictionary<IFieldSymbol, LeakPath> missedFields,
        ImmutableDictionary<IFieldSymbol, LeakPath> clearedFields,
        string? returnsFreshApi,
        bool isConservative)
    {
        ClearedFields = clearedFields;
        Parameters = parameters;
        ParameterFields = parameterFields;
        ReleasedFields = releasedFields;
        MissedFields = missedFields;
        ReturnsFreshApi = returnsFreshApi;
        IsConservative = isConservative;
    }

    public ImmutableArray<ParameterEffect> Parameters { get; }

    /// <summary>Per parameter: instance fields of <c>this</c> it is stored into.</summary>
    public ImmutableArray<ImmutableArray<IFieldSymbol>> ParameterFields { get; }

    /// <summary>Instance fields of <c>this</c> released on at least one path.</summary>
    public ImmutableHashSet<IFieldSymbol> ReleasedFields { get; }

    /// <summary>Instance fields still owned on a normal return not guarded by a field test (first such path).</summary>
    public ImmutableDictionary<IFieldSymbol, LeakPath> MissedFields { get; }

    /// <summary>Instance fields of <c>this</c> the method sets to null while they still own their block (first such path).</summary>
    public ImmutableDictionary<IFieldSymbol, LeakPath> ClearedFields { get; }

    public string? ReturnsFreshApi { get; }

    /// <summary>True when the method releases a parameter or a field of <c>this</c> on some path (a cleanup helper).</summary>
    public bool Releases => !ReleasedFields.IsEmpty || Parameters.Contains(ParameterEffect.Releases);

    /// <summary>True when the body could not be analysed (recursion, budget): every argument is taken as stored.</summary>
    public bool IsConservative { get; }

    /// <summary>The summary used for recursion and bodies the walker gave up on: no leak can follow from trusting it.</summary>
    public static MethodSummary Conservative(IMethodSymbol method)
    {
        var effects = ImmutableArray.CreateBuilder<ParameterEffect>(method.Parameters.Length);
        var fields = ImmutableArray.CreateBuilder<ImmutableArray<IFieldSymbol>>(method.Parameters.Length);
        for (int i = 0; i < method.Parameters.Length; i++)
        {
            effects.Add(ParameterEffect.Stores);
            fields.Add(ImmutableArray<IFieldSymbol>.Empty);
        }

        return new MethodSummary(
            effects.MoveToImmutable(),
            fields.MoveToImmutable(),
            ImmutableHashSet<IFieldSymbol>.Empty.WithComparer(SymbolEqualityComparer.Default),
            ImmutableDictionary<IFieldSymbol, LeakPath>.Empty.WithComparers(SymbolEqualityComparer.Default),
            ImmutableDictionary<IFieldSymbol, LeakPath>.Empty.WithComparers(SymbolEqualityComparer.Default),
            null,
            isConservative: true);
    }

    /// <summary>Builds the summary from a walk of the body in summary mode.</summary>
    public static MethodSummary From(IMethodSymbol method, WalkResult walk)
    {
        if (walk.Aborted)
        {
            return Conservative(method);
        }

        var effects = ImmutableArray.CreateBuilder<ParameterEffect>(method.Parameters.Length);
        var fields = ImmutableArray.CreateBuilder<ImmutableArray<IFieldSymbol>>(method.Parameters.Length);
        for (int i = 0; i < method.Parameters.Length; i++)
        {
            int seed = ParameterSeed(i);
            effects.Add(walk.SeedsStored.Contains(seed) ? ParameterEffect.Stores
                : walk.SeedsReleased.Contains(seed) ? ParameterEffect.Releases
                : ParameterEffect.Borrows);
            fields.Add(walk.SeedFields.TryGetValue(seed, out HashSet<IFieldSymbol>? set) ? [.. set] : ImmutableArray<IFieldSymbol>.Empty);
        }

        var released = ImmutableHashSet.CreateBuilder<IFieldSymbol>(SymbolEqualityComparer.Default);
        var missed = ImmutableDictionary.CreateBuilder<IFieldSymbol, LeakPath>(SymbolEqualityComparer.Default);
        var cleared = ImmutableDictionary.CreateBuilder<IFieldSymbol, LeakPath>(SymbolEqualityComparer.Default);
        foreach (KeyValuePair<int, ISymbol> seed in walk.Seeds)
        {
            if (seed.Value is IFieldSymbol field)
            {
                if (walk.SeedsReleased.Contains(seed.Key))
                {
                    released.Add(field);
                }

                if (walk.SeedsMissed.TryGetValue(seed.Key, out LeakPath? path))
                {
                    missed[field] = path;
                }

                if (walk.SeedsCleared.TryGetValue(seed.Key, out LeakPath? clearedPath))
                {
                    cleared[field] = clearedPath;
                }
            }
        }

        return new MethodSummary(effects.MoveToImmutable(), fields.MoveToImmutable(), released.ToImmutable(), missed.ToImmutable(), cleared.ToImmutable(), walk.ReturnsFreshApi, isConservative: false);
    }

    /// <summary>Seed key of parameter <paramref name="ordinal"/>.</summary>
    public static int ParameterSeed(int ordinal) => -1 - ordinal;

    /// <summary>Seed key of the <paramref name="index"/>-th resource field of <c>this</c>.</summary>
    public static int FieldSeed(int index) => -1000 - index;
}
