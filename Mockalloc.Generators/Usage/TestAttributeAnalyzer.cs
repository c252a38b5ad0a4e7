using System.Collections.Immutable;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis;
using Mockalloc.Generators.Diagnostics;

namespace Mockalloc.Generators.Usage;

/// <summary>
/// MA0003 (off by default): <c>[Fact]</c>, <c>[Theory]</c> or <c>[TestMethod]</c> on a test in a project
/// where the matching Mockalloc attribute (<c>[MockallocFact]</c>, <c>[MockallocTheory]</c>,
/// <c>[MockallocTestMethod]</c>) exists.
/// </summary>
/// <remarks>
/// Only the framework's own attribute types match, not attributes derived from them (the Mockalloc ones
/// derive from them too). Reported on the attribute; the fix renames it and keeps its arguments.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TestAttributeAnalyzer : DiagnosticAnalyzer
{
    private static readonly (string Plain, string Mockalloc)[] s_pairs =
    [
        (MockallocNames.XunitFact, MockallocNames.FactAttribute),
        (MockallocNames.XunitTheory, MockallocNames.TheoryAttribute),
        (MockallocNames.MSTestTestMethod, MockallocNames.TestMethodAttribute),
    ];

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.TestAttribute];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            // Plain attribute type → the Mockalloc attribute's short name, for the pairs whose Mockalloc side exists.
            var replacements = new Dictionary<INamedTypeSymbol, string>(SymbolEqualityComparer.Default);
            foreach ((string plain, string mockalloc) in s_pairs)
            {
                if (start.Compilation.GetTypeByMetadataName(plain) is { } plainType
                    && start.Compilation.GetTypeByMetadataName(mockalloc) is { } mockallocType)
                {
                    replacements[plainType] = ShortName(mockallocType.Name);
                }
            }
            if (replacements.Count > 0)
            {
                start.RegisterSyntaxNodeAction(c => AnalyzeAttribute(c, replacements), SyntaxKind.Attribute);
            }
        });
    }

    private static void AnalyzeAttribute(SyntaxNodeAnalysisContext context, Dictionary<INamedTypeSymbol, string> replacements)
    {
        var attribute = (AttributeSyntax)context.Node;
        if (attribute.Parent?.Parent is not MethodDeclarationSyntax
            || context.SemanticModel.GetSymbolInfo(attribute, context.CancellationToken).Symbol is not IMethodSymbol { ContainingType: { } type }
            || !replacements.TryGetValue(type, out string? replacement))
        {
            return;
        }
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.TestAttribute,
            attribute.GetLocation(),
            ImmutableDictionary<string, string?>.Empty.Add(Descriptors.AttributeProperty, replacement),
            ShortName(type.Name),
            replacement));
    }

    private static string ShortName(string typeName) =>
        typeName.EndsWith("Attribute", StringComparison.Ordinal) ? typeName.Substring(0, typeName.Length - "Attribute".Length) : typeName;
}
