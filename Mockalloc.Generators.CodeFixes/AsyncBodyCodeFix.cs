using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;
using Microsoft.CodeAnalysis;
using Mockalloc.Generators.Diagnostics;
using Mockalloc.Generators.Usage;

namespace Mockalloc.Generators.CodeFixes;

/// <summary>
/// Fixes MA0001: <c>Allocs.Record(async () => …)</c> → <c>await Allocs.RecordAsync(async () => …)</c>, and the
/// same for <c>Assert</c>.
/// </summary>
/// <remarks>
/// <para>Offered only when the body is written in place as an async lambda or anonymous method (a method group
/// of an async void method must first be changed to return <see cref="Task"/>), and only where the
/// <c>await</c> compiles without changing what anyone else sees:</para>
/// <list type="bullet">
/// <item>the enclosing method, local function, lambda or anonymous method is already <c>async</c>, or the call
/// is a top-level statement; or</item>
/// <item>the enclosing method or local function returns <c>void</c> and nothing depends on that: no reference
/// to it anywhere in the solution (a test method is called by reflection), not virtual, abstract, override,
/// partial or extern, no interface member it implements, no <c>[Conditional]</c>, not in a struct, no
/// <c>ref</c>/<c>out</c>/<c>in</c>, pointer or ref struct parameter, no ref or ref struct local. Then it
/// also becomes <c>async Task</c>.</item>
/// </list>
/// <para>Never inside a <c>lock</c> or an unsafe context, where <c>await</c> is not allowed.</para>
/// </remarks>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AsyncBodyCodeFix)), Shared]
public sealed class AsyncBodyCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [Descriptors.AsyncBodyId];

    /// <inheritdoc/>
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        Document document = context.Document;
        CancellationToken cancel = context.CancellationToken;
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancel).ConfigureAwait(false);
        SemanticModel? model = await document.GetSemanticModelAsync(cancel).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not SimpleNameSyntax name
                || name.FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } invocation
                || !HasLambdaBody(invocation, model, cancel))
            {
                continue;
            }
            string asyncName = name.Identifier.ValueText + "Async";
            switch (FindFunction(invocation))
            {
                case Function { IsAsync: true }:
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            string.Format(CultureInfo.InvariantCulture, FixTitles.AwaitAsyncOverload, asyncName),
                            _ => Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(invocation, Awaited(invocation, name, asyncName)))),
                            equivalenceKey: nameof(AsyncBodyCodeFix)),
                        diagnostic);
                    break;
                case Function { Declaration: { } declaration } when await CanBecomeAsyncTaskAsync(declaration, document, model, cancel).ConfigureAwait(false):
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            string.Format(CultureInfo.InvariantCulture, FixTitles.AwaitAndMakeAsync, asyncName, FunctionName(declaration)),
                            _ => Task.FromResult(document.WithSyntaxRoot(MakeAsync(root, declaration, invocation, name, asyncName))),
                            equivalenceKey: nameof(AsyncBodyCodeFix) + "MakeAsync"),
                        diagnostic);
                    break;
            }
        }
    }

    private static string FunctionName(SyntaxNode declaration) => declaration switch
    {
        MethodDeclarationSyntax method => method.Identifier.ValueText,
        LocalFunctionStatementSyntax local => local.Identifier.ValueText,
        _ => "the method",
    };

    /// <summary>Whether the body argument is an async lambda or anonymous method written in place.</summary>
    private static bool HasLambdaBody(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancel)
    {
        if (model.GetOperation(invocation, cancel) is not IInvocationOperation operation)
        {
            return false;
        }
        foreach (IArgumentOperation argument in operation.Arguments)
        {
            if (argument.Parameter?.Ordinal == 0 && argument.Syntax is ArgumentSyntax { Expression: AnonymousFunctionExpressionSyntax lambda })
            {
                return lambda is not ParenthesizedLambdaExpressionSyntax { ReturnType: not null };
            }
        }
        return false;
    }

    /// <summary>The function whose body holds the call: IsAsync when an await may be added as is; Declaration when it could be made async.</summary>
    private readonly struct Function(bool isAsync, SyntaxNode? declaration)
    {
        public bool IsAsync { get; } = isAsync;

        public SyntaxNode? Declaration { get; } = declaration;
    }

    private static Function? FindFunction(SyntaxNode invocation)
    {
        for (SyntaxNode? node = invocation.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case LockStatementSyntax or UnsafeStatementSyntax:
                    return null;
                case AnonymousFunctionExpressionSyntax lambda:
                    return lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword) ? new Function(true, null) : null;
                case LocalFunctionStatementSyntax local:
                    return Classify(local.Modifiers, local);
                case MethodDeclarationSyntax method:
                    return Classify(method.Modifiers, method);
                case GlobalStatementSyntax:
                    return new Function(true, null);
                case MemberDeclarationSyntax or QueryExpressionSyntax:
                    return null;
            }
        }
        return null;

        static Function? Classify(SyntaxTokenList modifiers, SyntaxNode declaration) =>
            modifiers.Any(SyntaxKind.UnsafeKeyword) || declaration.Ancestors().OfType<TypeDeclarationSyntax>().Any(t => t.Modifiers.Any(SyntaxKind.UnsafeKeyword))
                ? null
                : modifiers.Any(SyntaxKind.AsyncKeyword) ? new Function(true, null) : new Function(false, declaration);
    }

    private static async Task<bool> CanBecomeAsyncTaskAsync(SyntaxNode declaration, Document document, SemanticModel model, CancellationToken cancel)
    {
        if (model.GetDeclaredSymbol(declaration, cancel) is not IMethodSymbol method
            || !method.ReturnsVoid
            || method.IsVirtual || method.IsAbstract || method.IsOverride || method.IsExtern || method.IsPartialDefinition || method.PartialImplementationPart is not null || method.PartialDefinitionPart is not null
            || method.ExplicitInterfaceImplementations.Length > 0
            || method.ContainingType.IsValueType
            || SymbolEqualityComparer.Default.Equals(model.Compilation.GetEntryPoint(cancel), method)
            || method.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "System.Diagnostics.ConditionalAttribute")
            || method.Parameters.Any(p => p.RefKind != RefKind.None || p.Type.IsRefLikeType || p.Type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer)
            || ImplementsInterfaceMember(method)
            || HasRefLocals(declaration, model, cancel))
        {
            return false;
        }
        if (method.MethodKind == MethodKind.LocalFunction)
        {
            // Referenced only inside the method that declares it.
            SyntaxNode scope = declaration.Parent?.FirstAncestorOrSelf<MemberDeclarationSyntax>() ?? declaration;
            return !scope.DescendantNodes().OfType<IdentifierNameSyntax>().Any(n =>
                n.Identifier.ValueText == method.Name && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(n, cancel).Symbol, method));
        }
        IEnumerable<ReferencedSymbol> references = await SymbolFinder.FindReferencesAsync(method, document.Project.Solution, cancel).ConfigureAwait(false);
        return !references.Any(r => r.Locations.Any());
    }

    private static bool ImplementsInterfaceMember(IMethodSymbol method)
    {
        foreach (INamedTypeSymbol @interface in method.ContainingType.AllInterfaces)
        {
            foreach (IMethodSymbol member in @interface.GetMembers(method.Name).OfType<IMethodSymbol>())
            {
                if (SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(member), method))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static bool HasRefLocals(SyntaxNode declaration, SemanticModel model, CancellationToken cancel)
    {
        foreach (SyntaxNode node in declaration.DescendantNodes())
        {
            if (node is VariableDeclaratorSyntax or SingleVariableDesignationSyntax
                && model.GetDeclaredSymbol(node, cancel) is ILocalSymbol { } local
                && (local.IsRef || local.Type.IsRefLikeType))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary><c>await Allocs.XAsync(…)</c> in place of the call (parenthesised where needed, simplified after).</summary>
    private static ExpressionSyntax Awaited(InvocationExpressionSyntax invocation, SimpleNameSyntax name, string asyncName)
    {
        InvocationExpressionSyntax renamed = invocation.ReplaceNode(name, SyntaxFactory.IdentifierName(asyncName).WithTriviaFrom(name));
        AwaitExpressionSyntax awaited = SyntaxFactory.AwaitExpression(renamed.WithoutLeadingTrivia()).WithLeadingTrivia(invocation.GetLeadingTrivia());
        return invocation.Parent is ExpressionStatementSyntax or EqualsValueClauseSyntax or ArgumentSyntax or ReturnStatementSyntax or ArrowExpressionClauseSyntax or AnonymousFunctionExpressionSyntax
            ? awaited
            : SyntaxFactory.ParenthesizedExpression(awaited.WithoutTrivia()).WithTriviaFrom(awaited).WithAdditionalAnnotations(Simplifier.Annotation);
    }

    private static SyntaxNode MakeAsync(SyntaxNode root, SyntaxNode declaration, InvocationExpressionSyntax invocation, SimpleNameSyntax name, string asyncName)
    {
        SyntaxNode updated = declaration.ReplaceNode(invocation, Awaited(invocation, name, asyncName));
        TypeSyntax task = SyntaxFactory.ParseTypeName("global::System.Threading.Tasks.Task").WithAdditionalAnnotations(Simplifier.Annotation);
        updated = updated switch
        {
            MethodDeclarationSyntax method => WithAsync(method.Modifiers, method.ReturnType, task, (m, r) => method.WithModifiers(m).WithReturnType(r)),
            LocalFunctionStatementSyntax local => WithAsync(local.Modifiers, local.ReturnType, task, (m, r) => local.WithModifiers(m).WithReturnType(r)),
            _ => updated,
        };
        return root.ReplaceNode(declaration, updated);
    }

    /// <summary>Adds <c>async</c> after the other modifiers (or before the return type) and returns Task.</summary>
    private static SyntaxNode WithAsync(SyntaxTokenList modifiers, TypeSyntax returnType, TypeSyntax task, Func<SyntaxTokenList, TypeSyntax, SyntaxNode> with)
    {
        SyntaxToken asyncKeyword = SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        if (modifiers.Count == 0)
        {
            // The declaration's leading trivia (attributes aside) sits on the return type: keep it in front.
            return with(
                SyntaxFactory.TokenList(asyncKeyword.WithLeadingTrivia(returnType.GetLeadingTrivia())),
                task.WithTrailingTrivia(returnType.GetTrailingTrivia()));
        }
        return with(modifiers.Add(asyncKeyword), task.WithTriviaFrom(returnType));
    }
}
