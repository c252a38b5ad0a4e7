using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Mockalloc.Apis;
using Mockalloc.Generators.Model;

namespace Mockalloc.Generators.Interception;

/// <summary>
/// Turns one invocation of a tracked BCL member into an <see cref="InterceptedCall"/>: the syntactic filter
/// (<see cref="IsCandidate"/>) keeps invocations whose name is a tracked member's, the semantic step
/// (<see cref="Parse"/>) checks the bound member, finds its facade and writes down everything the emitter needs.
/// </summary>
internal static class InterceptionParser
{
    /// <summary>The facades call the BCL members themselves: redirecting those calls would recurse.</summary>
    private const string FacadeNamespace = "Mockalloc.Tracked";
    private const string CallSiteType = "Mockalloc.CallSite";

    private static readonly SymbolDisplayFormat s_typeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>True for an invocation whose invoked name is a tracked member's.</summary>
    public static bool IsCandidate(SyntaxNode node, CancellationToken cancellationToken) =>
        node is InvocationExpressionSyntax invocation
        && InvokedName(invocation.Expression) is { } name
        && TrackedApiIndex.InterceptableMemberNames.Contains(name.Identifier.ValueText);

    /// <summary>The calls to redirect among <paramref name="candidates"/>, with one semantic model per syntax tree.</summary>
    public static ImmutableArray<InterceptedCall> ParseAll(Compilation compilation, ImmutableArray<InvocationExpressionSyntax> candidates, CancellationToken cancellationToken)
    {
        ImmutableArray<InterceptedCall>.Builder calls = ImmutableArray.CreateBuilder<InterceptedCall>(candidates.Length);
        SemanticModel? model = null;
        foreach (InvocationExpressionSyntax candidate in candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (model?.SyntaxTree != candidate.SyntaxTree)
            {
                model = compilation.GetSemanticModel(candidate.SyntaxTree);
            }

            if (Parse(candidate, model, cancellationToken) is { } call)
            {
                calls.Add(call);
            }
        }

        return calls.ToImmutable();
    }

    /// <summary>The call to redirect, or null when the invocation is not one (another member, a facade's own call, an unresolved call).</summary>
    /// <remarks>
    /// Roslyn re-runs this for every candidate whenever the compilation changes, so the per-site work is kept to
    /// binding the call and reading its location: what depends only on the member is computed once per member
    /// and compilation (<see cref="SignatureCache"/>).
    /// </remarks>
    public static InterceptedCall? Parse(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method
            || invocation.Expression is MemberAccessExpressionSyntax { Expression: BaseExpressionSyntax })
        {
            return null;
        }

        // IMemoryOwner<T>.Dispose() binds to IDisposable.Dispose: the row comes from the receiver's type.
        INamedTypeSymbol? owner = null;
        if (method.ContainingType.SpecialType == SpecialType.System_IDisposable)
        {
            if (ReceiverType(model, invocation, cancellationToken) is not INamedTypeSymbol { TypeKind: TypeKind.Interface } receiver
                || ContainsTypeParameter(receiver))
            {
                return null;
            }

            owner = receiver;
        }

        if (SignatureCache.For(model.Compilation, method, owner) is not { } signature
            || IsInFacadeNamespace(invocation)
            || model.GetInterceptableLocation(invocation, cancellationToken) is not { } location)
        {
            return null;
        }

        FileLinePositionSpan span = InvokedName(invocation.Expression)!.GetLocation().GetMappedLineSpan();
        return new InterceptedCall
        {
            LocationVersion = location.Version,
            LocationData = location.Data,
            DisplayLocation = location.GetDisplayLocation(),
            Signature = signature,
            File = span.Path,
            Line = span.StartLinePosition.Line + 1,
            Member = CallerMemberName(invocation) ?? CallerMemberName(model.GetEnclosingSymbol(invocation.SpanStart, cancellationToken)),
        };
    }

    /// <summary>
    /// The interceptor signature for a bound member (and, for <c>IDisposable.Dispose</c>, the owner interface it
    /// was called on), or null when the member is not redirected or the referenced Mockalloc lacks its facade.
    /// </summary>
    internal static InterceptorSignature? Signature(Compilation compilation, IMethodSymbol method, INamedTypeSymbol? owner)
    {
        if (FindRow(method, owner) is not { Facade: { } facade } row
            || compilation.GetTypeByMetadataName(row.TypeName) is not { } rowType
            || !FacadeExists(compilation, facade, rowType, method.OriginalDefinition))
        {
            return null;
        }

        IMethodSymbol definition = method.OriginalDefinition;
        INamedTypeSymbol container = definition.ContainingType;
        ITypeParameterSymbol[] typeParameters = [.. container.TypeParameters, .. definition.TypeParameters];
        return new InterceptorSignature
        {
            Api = row.Display,
            Facade = "global::" + facade.TypeName + "." + facade.Member,
            ReturnType = definition.ReturnType.ToDisplayString(s_typeFormat),
            TypeParameters = typeParameters.Length == 0 ? "" : "<" + string.Join(", ", typeParameters.Select(t => t.Name)) + ">",
            Constraints = string.Concat(typeParameters.Select(Constraint)),
            Receiver = definition.IsStatic
                ? null
                : new InterceptorParameter(container.IsValueType ? "ref " : "", container.ToDisplayString(s_typeFormat), "instance"),
            ReceiverCast = owner?.ToDisplayString(s_typeFormat),
            Parameters = new EquatableArray<InterceptorParameter>(definition.Parameters.Select(p =>
                new InterceptorParameter(Modifier(p.RefKind), p.Type.ToDisplayString(s_typeFormat), Identifier(p.Name)))),
            IsUnsafe = ContainsPointer(definition.ReturnType) || definition.Parameters.Any(p => ContainsPointer(p.Type)),
        };
    }

    private static SimpleNameSyntax? InvokedName(ExpressionSyntax expression) => expression switch
    {
        MemberAccessExpressionSyntax access => access.Name,
        MemberBindingExpressionSyntax binding => binding.Name,
        SimpleNameSyntax simple => simple,
        _ => null,
    };

    private static ITypeSymbol? ReceiverType(SemanticModel model, InvocationExpressionSyntax invocation, CancellationToken cancellationToken)
    {
        ExpressionSyntax? receiver = invocation.Expression switch
        {
            MemberAccessExpressionSyntax access => access.Expression,
            MemberBindingExpressionSyntax => invocation.FirstAncestorOrSelf<ConditionalAccessExpressionSyntax>()?.Expression,
            _ => null,
        };
        return receiver is null ? null : model.GetTypeInfo(receiver, cancellationToken).Type;
    }

    /// <summary>The row of the bound member when interceptors redirect it; an owner interface names the row of a <c>Dispose</c>.</summary>
    private static ResourceApi? FindRow(IMethodSymbol method, INamedTypeSymbol? owner) =>
        owner is not null
            ? TrackedApiIndex.FindInterceptable(owner.OriginalDefinition, method.Name)
            : TrackedApiIndex.Find(method) is { Facade.Interceptable: true } row ? row : null;

    /// <summary>
    /// Whether the referenced Mockalloc has the facade overload the interceptor calls: the receiver (by ref for a
    /// struct), the member's parameters, then a <c>CallSite</c>. An older Mockalloc without it leaves the call alone.
    /// </summary>
    private static bool FacadeExists(Compilation compilation, ResourceFacade facade, INamedTypeSymbol rowType, IMethodSymbol definition)
    {
        if (compilation.GetTypeByMetadataName(facade.TypeName) is not { } facadeType
            || compilation.GetTypeByMetadataName(CallSiteType) is not { } callSite)
        {
            return false;
        }

        var expected = new List<(RefKind RefKind, ITypeSymbol Type)>();
        if (facade.TakesReceiver)
        {
            expected.Add((rowType.IsValueType ? RefKind.Ref : RefKind.None, rowType));
        }

        expected.AddRange(definition.Parameters.Select(p => (p.RefKind, p.Type)));
        expected.Add((RefKind.None, callSite));

        foreach (IMethodSymbol candidate in facadeType.GetMembers(facade.Member).OfType<IMethodSymbol>())
        {
            if (candidate.Parameters.Length == expected.Count
                && candidate.Parameters.Select((p, i) => p.RefKind == expected[i].RefKind && SameShape(p.Type, expected[i].Type)).All(same => same))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Type equality that matches type parameters by position (the BCL type's <c>T</c> against the facade method's).</summary>
    private static bool SameShape(ITypeSymbol left, ITypeSymbol right) => (left, right) switch
    {
        (ITypeParameterSymbol l, ITypeParameterSymbol r) => l.Ordinal == r.Ordinal,
        (IArrayTypeSymbol l, IArrayTypeSymbol r) => l.Rank == r.Rank && SameShape(l.ElementType, r.ElementType),
        (IPointerTypeSymbol l, IPointerTypeSymbol r) => SameShape(l.PointedAtType, r.PointedAtType),
        (INamedTypeSymbol { IsGenericType: true } l, INamedTypeSymbol { IsGenericType: true } r) =>
            SymbolEqualityComparer.Default.Equals(l.OriginalDefinition, r.OriginalDefinition)
            && l.TypeArguments.Zip(r.TypeArguments, SameShape).All(same => same),
        _ => SymbolEqualityComparer.Default.Equals(left, right),
    };

    private static bool ContainsTypeParameter(ITypeSymbol type) => type switch
    {
        ITypeParameterSymbol => true,
        IArrayTypeSymbol array => ContainsTypeParameter(array.ElementType),
        IPointerTypeSymbol pointer => ContainsTypeParameter(pointer.PointedAtType),
        INamedTypeSymbol named => named.TypeArguments.Any(ContainsTypeParameter),
        _ => false,
    };

    private static bool ContainsPointer(ITypeSymbol type) => type switch
    {
        IPointerTypeSymbol or IFunctionPointerTypeSymbol => true,
        IArrayTypeSymbol array => ContainsPointer(array.ElementType),
        _ => false,
    };

    private static string Modifier(RefKind refKind) => refKind switch
    {
        RefKind.Ref => "ref ",
        RefKind.Out => "out ",
        RefKind.In => "in ",
        RefKind.RefReadOnlyParameter => "ref readonly ",
        _ => "",
    };

    private static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    private static string Constraint(ITypeParameterSymbol parameter)
    {
        var parts = new List<string>();
        if (parameter.HasReferenceTypeConstraint)
        {
            parts.Add("class");
        }
        else if (parameter.HasUnmanagedTypeConstraint)
        {
            parts.Add("unmanaged");
        }
        else if (parameter.HasValueTypeConstraint)
        {
            parts.Add("struct");
        }
        else if (parameter.HasNotNullConstraint)
        {
            parts.Add("notnull");
        }

        parts.AddRange(parameter.ConstraintTypes.Select(t => t.ToDisplayString(s_typeFormat)));
        if (parameter.HasConstructorConstraint)
        {
            parts.Add("new()");
        }

        return parts.Count == 0 ? "" : " where " + parameter.Name + " : " + string.Join(", ", parts);
    }

    /// <summary>Whether the call is in the facades' own namespace (read from the syntax: no binding needed).</summary>
    private static bool IsInFacadeNamespace(SyntaxNode node)
    {
        string? name = null;
        foreach (BaseNamespaceDeclarationSyntax declaration in node.Ancestors().OfType<BaseNamespaceDeclarationSyntax>())
        {
            name = name is null ? declaration.Name.ToString() : declaration.Name + "." + name;
        }

        return name == FacadeNamespace;
    }

    /// <summary>
    /// The name <c>[CallerMemberName]</c> gives at this point, read from the syntax for the common members
    /// (methods, properties, constructors, top-level statements; lambdas and local functions name the member
    /// around them), or null for the rest, which <see cref="CallerMemberName(ISymbol?)"/> names from the symbol.
    /// </summary>
    private static string? CallerMemberName(SyntaxNode node)
    {
        foreach (SyntaxNode ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case MethodDeclarationSyntax method:
                    return method.ExplicitInterfaceSpecifier is null ? method.Identifier.ValueText : null;
                case PropertyDeclarationSyntax property:
                    return property.ExplicitInterfaceSpecifier is null ? property.Identifier.ValueText : null;
                case ConstructorDeclarationSyntax constructor:
                    return constructor.Modifiers.Any(SyntaxKind.StaticKeyword) ? ".cctor" : ".ctor";
                case GlobalStatementSyntax:
                    return null;
                case MemberDeclarationSyntax:
                    return null;
            }
        }

        return null;
    }

    /// <summary>
    /// The name <c>[CallerMemberName]</c> gives in a member: lambdas and local functions name the member around
    /// them, accessors their property or event, indexers <c>Item</c>, explicit implementations the interface member.
    /// </summary>
    private static string CallerMemberName(ISymbol? symbol)
    {
        while (symbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
        {
            symbol = symbol.ContainingSymbol;
        }

        ISymbol? member = symbol is IMethodSymbol { AssociatedSymbol: { } associated } ? associated : symbol;
        ISymbol? implemented = member switch
        {
            IMethodSymbol method => method.ExplicitInterfaceImplementations.FirstOrDefault(),
            IPropertySymbol property => property.ExplicitInterfaceImplementations.FirstOrDefault(),
            IEventSymbol @event => @event.ExplicitInterfaceImplementations.FirstOrDefault(),
            _ => null,
        };
        member = implemented ?? member;
        return member switch
        {
            IMethodSymbol { MethodKind: MethodKind.Constructor } => ".ctor",
            IMethodSymbol { MethodKind: MethodKind.StaticConstructor } => ".cctor",
            IMethodSymbol { MethodKind: MethodKind.Destructor } => "Finalize",
            null => "",
            _ => member.MetadataName,
        };
    }
}
