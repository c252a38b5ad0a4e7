using System.Collections.Immutable;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis;
using Mockalloc.Generators.Diagnostics;

namespace Mockalloc.Generators.Usage;

/// <summary>
/// MA0002: a knob of <c>[MockallocDefaults]</c> (on the assembly or a class), <c>[MockallocFact]</c>,
/// <c>[MockallocTheory]</c> or <c>[MockallocTestMethod]</c> with a value that is not valid.
/// </summary>
/// <remarks>
/// <para>Two rules, each within one attribute: a budget (<c>MaxManagedBytes</c>, <c>MaxAllocations</c>,
/// <c>MaxPeakBytes</c>) below -1, reported on that argument with -1 as the replacement; and
/// <c>TraceStacks = true</c> beside <c>Tracing = false</c>, reported on the <c>TraceStacks</c> argument with
/// the <c>Tracing</c> argument as an additional location. A <c>Tracing</c> left unset is not reported: the
/// class, the assembly or <c>MOCKALLOC_TRACING</c> may switch tracing on.</para>
/// <para>The attributes are recognised by their full names, since the test attributes live in other
/// assemblies.</para>
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class KnobValueAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.KnobValue];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSyntaxNodeAction(AnalyzeAttribute, SyntaxKind.Attribute);
    }

    private static void AnalyzeAttribute(SyntaxNodeAnalysisContext context)
    {
        var attribute = (AttributeSyntax)context.Node;
        if (attribute.ArgumentList is not { Arguments.Count: > 0 } arguments
            || context.SemanticModel.GetSymbolInfo(attribute, context.CancellationToken).Symbol is not IMethodSymbol { ContainingType: { } type }
            || MockallocNames.FullName(type) is not (MockallocNames.DefaultsAttribute or MockallocNames.FactAttribute
                or MockallocNames.TheoryAttribute or MockallocNames.TestMethodAttribute))
        {
            return;
        }
        string shown = type.Name.EndsWith("Attribute", StringComparison.Ordinal) ? type.Name.Substring(0, type.Name.Length - "Attribute".Length) : type.Name;
        AttributeArgumentSyntax? tracingOff = null;
        AttributeArgumentSyntax? stacksOn = null;
        foreach (AttributeArgumentSyntax argument in arguments.Arguments)
        {
            if (argument.NameEquals is not { Name.Identifier.ValueText: var knob })
            {
                continue;
            }
            object? value = context.SemanticModel.GetConstantValue(argument.Expression, context.CancellationToken) is { HasValue: true } constant ? constant.Value : null;
            if (Array.IndexOf(MockallocNames.Budgets, knob) >= 0 && AsInt64(value) is < -1)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.KnobValue,
                    argument.GetLocation(),
                    ImmutableDictionary<string, string?>.Empty.Add(Descriptors.ReplacementProperty, "-1"),
                    knob,
                    shown,
                    Descriptors.BudgetBelowMinusOne));
            }
            else if (knob == MockallocNames.Tracing && value is false)
            {
                tracingOff = argument;
            }
            else if (knob == MockallocNames.TraceStacks && value is true)
            {
                stacksOn = argument;
            }
        }
        if (tracingOff is not null && stacksOn is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.KnobValue,
                stacksOn.GetLocation(),
                [tracingOff.GetLocation()],
                MockallocNames.TraceStacks,
                shown,
                Descriptors.StacksWithoutTracing));
        }
    }

    private static long? AsInt64(object? value) => value switch
    {
        long l => l,
        int i => i,
        short s => s,
        sbyte b => b,
        _ => null,
    };
}
