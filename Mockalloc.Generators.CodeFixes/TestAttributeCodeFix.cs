using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Simplification;
using Microsoft.CodeAnalysis;
using Mockalloc.Generators.Diagnostics;
using Mockalloc.Generators.Usage;

namespace Mockalloc.Generators.CodeFixes;

/// <summary>
/// Fixes MA0003: <c>[Fact]</c> → <c>[MockallocFact]</c>, <c>[Theory]</c> → <c>[MockallocTheory]</c>,
/// <c>[TestMethod]</c> → <c>[MockallocTestMethod]</c>, keeping the argument list as written.
/// </summary>
/// <remarks>
/// Each Mockalloc attribute lives in the namespace of the attribute it replaces, so only the last
/// identifier changes (<c>Xunit.Fact</c> → <c>Xunit.MockallocFact</c>, <c>FactAttribute</c> →
/// <c>MockallocFactAttribute</c>). A name that is an alias is replaced by the full name, simplified.
/// </remarks>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TestAttributeCodeFix)), Shared]
public sealed class TestAttributeCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [Descriptors.TestAttributeId];

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(Descriptors.AttributeProperty, out string? replacement)
                || replacement is null
                || root is null
                || model is null
                || root.FindNode(diagnostic.Location.SourceSpan) is not AttributeSyntax attribute
                || model.GetSymbolInfo(attribute, context.CancellationToken).Symbol is not IMethodSymbol { ContainingType: { } plain })
            {
                continue;
            }
            NameSyntax newName = Rename(attribute.Name, plain, replacement);
            context.RegisterCodeFix(
                CodeAction.Create(
                    string.Format(CultureInfo.InvariantCulture, FixTitles.UseAttribute, replacement),
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(attribute.Name, newName))),
                    equivalenceKey: nameof(TestAttributeCodeFix)),
                diagnostic);
        }
    }

    private static NameSyntax Rename(NameSyntax name, INamedTypeSymbol plain, string replacement)
    {
        SimpleNameSyntax last = name switch
        {
            QualifiedNameSyntax qualified => qualified.Right,
            AliasQualifiedNameSyntax alias => alias.Name,
            _ => (SimpleNameSyntax)name,
        };
        string written = last.Identifier.ValueText;
        string? renamed = written == plain.Name ? replacement + "Attribute"
            : plain.Name == written + "Attribute" ? replacement
            : null;
        if (renamed is not null)
        {
            return name.ReplaceNode(last, SyntaxFactory.IdentifierName(renamed).WithTriviaFrom(last));
        }
        // An alias: write the full name and let the simplifier shorten it.
        string full = "global::" + plain.ContainingNamespace.ToDisplayString() + "." + replacement;
        return SyntaxFactory.ParseName(full).WithTriviaFrom(name).WithAdditionalAnnotations(Simplifier.Annotation);
    }
}
