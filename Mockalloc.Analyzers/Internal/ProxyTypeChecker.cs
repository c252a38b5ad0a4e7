using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Mockalloc.Analyzers.Internal;

/// <summary>
/// MA1002: a field that received a resource must be released by a Dispose method or the finalizer of its
/// type (or of a base type in source), or by an override of what a framework base class calls on
/// disposal (<c>Dispose(bool)</c>, <c>ReleaseHandle()</c>), on every path those methods take that is not
/// guarded by a field test (a disposed flag, a null check).
/// </summary>
internal static class ProxyTypeChecker
{
    public static FieldVerdict Check(IFieldSymbol field, string api, ISummarySource summaries)
    {
        List<IMethodSymbol> releasers = Releasers(field.ContainingType);
        if (releasers.Count == 0)
        {
            return new FieldVerdict(field, api, [], "has no Dispose method or finalizer that releases it");
        }

        var releasing = new List<string>();
        string? missedPath = null;
        Location? missedAt = null;
        foreach (IMethodSymbol releaser in releasers)
        {
            MethodSummary? summary = summaries.Get(releaser, receiverIsThis: true);
            if (summary is null || summary.IsConservative)
            {
                releasing.Add(Name(releaser));
                continue;
            }

            if (summary.ReleasedFields.Contains(field))
            {
                releasing.Add(Name(releaser));
                if (missedPath is null && summary.MissedFields.TryGetValue(field, out LeakPath? path))
                {
                    missedPath = "`" + Name(releaser) + "` does not release it " + path.Description;
                    missedAt = path.Location;
                }
            }
        }

        if (releasing.Count == 0)
        {
            string names = string.Join(" or ", releasers.Select(r => "`" + Name(r) + "`"));
            return new FieldVerdict(field, api, [], names + (releasers.Count == 1 ? " does" : " do") + " not release it");
        }

        if (missedPath is not null)
        {
            return new FieldVerdict(field, api, releasing, missedPath, missedAt);
        }

        return ForgottenBy(field, summaries) is { } forgotten
            ? new FieldVerdict(field, api, releasing, forgotten.Problem, forgotten.Where)
            : new FieldVerdict(field, api, releasing, null);
    }

    /// <summary>A member of the type that sets the field to null while it still owns its block (a <c>Reset</c> that forgets).</summary>
    private static (string Problem, Location? Where)? ForgottenBy(IFieldSymbol field, ISummarySource summaries)
    {
        foreach (IMethodSymbol method in field.ContainingType.GetMembers().OfType<IMethodSymbol>())
        {
            if (method.IsStatic || method.MethodKind is MethodKind.Constructor or MethodKind.StaticConstructor || method.DeclaringSyntaxReferences.Length == 0)
            {
                continue;
            }

            if (summaries.Get(method, receiverIsThis: true) is { } summary && summary.ClearedFields.TryGetValue(field, out LeakPath? path))
            {
                return ("`" + Name(method) + "` drops it without releasing it " + path.Description, path.Location);
            }
        }

        return null;
    }

    private static List<IMethodSymbol> Releasers(INamedTypeSymbol type)
    {
        var found = new List<IMethodSymbol>();
        for (INamedTypeSymbol? current = type; current is not null && current.DeclaringSyntaxReferences.Length > 0; current = current.BaseType)
        {
            foreach (IMethodSymbol method in current.GetMembers().OfType<IMethodSymbol>())
            {
                bool dispose = method.Parameters.Length == 0 && !method.IsStatic && !method.IsAbstract
                    && (method.Name is "Dispose" or "DisposeAsync"
                        || method.Name.EndsWith(".Dispose", System.StringComparison.Ordinal)
                        || method.Name.EndsWith(".DisposeAsync", System.StringComparison.Ordinal));
                if (dispose || method.MethodKind == MethodKind.Destructor || OverridesFrameworkDisposal(method))
                {
                    found.Add(method);
                }
            }
        }

        found.AddRange(OverridesCalledBy(found, type));
        return found;
    }

    /// <summary>
    /// An override of a member that a base class in a referenced assembly calls when it is disposed or
    /// released: <c>Dispose(bool)</c> (<c>Stream</c>, <c>MemoryManager&lt;T&gt;</c>, <c>Component</c>),
    /// <c>DisposeAsyncCore()</c>, <c>Close()</c> (which <c>Stream.Dispose()</c> calls) and
    /// <c>ReleaseHandle()</c> (which the runtime calls for a <c>SafeHandle</c> or <c>CriticalHandle</c>).
    /// The base's body is not in source, so <see cref="OverridesCalledBy"/> cannot see the call.
    /// </summary>
    private static bool OverridesFrameworkDisposal(IMethodSymbol method)
    {
        if (!method.IsOverride || method.IsStatic || method.IsAbstract)
        {
            return false;
        }

        bool shape = method.Name switch
        {
            "Dispose" => method.Parameters.Length == 1 && method.Parameters[0].Type.SpecialType == SpecialType.System_Boolean,
            "DisposeAsyncCore" or "Close" or "ReleaseHandle" => method.Parameters.Length == 0,
            _ => false,
        };
        for (IMethodSymbol? overridden = method.OverriddenMethod; shape && overridden is not null; overridden = overridden.OverriddenMethod)
        {
            if (overridden.DeclaringSyntaxReferences.Length == 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A base class's Dispose usually calls a virtual member on <c>this</c> (<c>Dispose(bool)</c>, a
    /// <c>PlatformDispose()</c>) that the derived type overrides to release its own fields: those
    /// overrides, declared in <paramref name="type"/> or between it and the releaser's type, release too.
    /// </summary>
    private static IEnumerable<IMethodSymbol> OverridesCalledBy(List<IMethodSymbol> releasers, INamedTypeSymbol type)
    {
        var calledNames = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (IMethodSymbol releaser in releasers)
        {
            foreach (SyntaxReference reference in releaser.DeclaringSyntaxReferences)
            {
                foreach (InvocationExpressionSyntax call in reference.GetSyntax().DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    switch (call.Expression)
                    {
                        case IdentifierNameSyntax name:
                            calledNames.Add(name.Identifier.ValueText);
                            break;
                        case MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } member:
                            calledNames.Add(member.Name.Identifier.ValueText);
                            break;
                    }
                }
            }
        }

        for (INamedTypeSymbol? current = type; current is not null && current.DeclaringSyntaxReferences.Length > 0; current = current.BaseType)
        {
            foreach (IMethodSymbol method in current.GetMembers().OfType<IMethodSymbol>())
            {
                if (method.IsOverride && !method.IsStatic && calledNames.Contains(method.Name) && !releasers.Contains(method, SymbolEqualityComparer.Default))
                {
                    yield return method;
                }
            }
        }
    }

    private static string Name(IMethodSymbol method) =>
        method.MethodKind == MethodKind.Destructor ? "~" + method.ContainingType.Name : method.Name;
}
