using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis;
using Mockalloc.Generators.Diagnostics;
using Mockalloc.Generators.Usage;

namespace Mockalloc.Generators.CodeFixes;

/// <summary>
/// Fixes MA0002 where the fix is unambiguous: a budget below -1 becomes -1 ("no budget"). TraceStacks
/// beside <c>Tracing = false</c> has no fix: whether to drop the stacks or switch tracing on is the
/// author's call.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(KnobValueCodeFix)), Shared]
public sealed class KnobValueCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [Descriptors.KnobValueId];

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(Descriptors.ReplacementProperty, out string? replacement)
                || replacement is null
                || root?.FindNode(diagnostic.Location.SourceSpan) is not AttributeArgumentSyntax { NameEquals: { } name } argument)
            {
                continue;
            }
            string title = string.Format(CultureInfo.InvariantCulture, FixTitles.WriteValue, name.Name.Identifier.ValueText, replacement);
            context.RegisterCodeFix(
                CodeAction.Create(
                    title,
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(
                        argument.Expression,
                        SyntaxFactory.ParseExpression(replacement).WithTriviaFrom(argument.Expression)))),
                    equivalenceKey: nameof(KnobValueCodeFix)),
                diagnostic);
        }
    }
}
