using System.Collections.Immutable;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis;
using Mockalloc.Generators.Diagnostics;

namespace Mockalloc.Generators.Usage;

/// <summary>
/// MA0001: an async body (an async lambda or anonymous method, or a method group of an async void method)
/// passed to the synchronous <c>Allocs.Record</c> or <c>Allocs.Assert</c>.
/// </summary>
/// <remarks>
/// The body parameter is an <c>Action</c>, so such a body would run as async void and return to the region at its
/// first incomplete await; the two methods reject it with <see cref="ArgumentException"/> at run time, and this
/// rule reports it at build time. Reported on the name of the called method (<c>Record</c>, <c>Assert</c>),
/// which is what the fix changes. A delegate held in a variable is not followed.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AsyncBodyAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.AsyncBody];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName(MockallocNames.Allocs) is not { } allocs)
            {
                return;
            }
            start.RegisterOperationAction(c => AnalyzeInvocation(c, allocs), OperationKind.Invocation);
        });
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, INamedTypeSymbol allocs)
    {
        var invocation = (IInvocationOperation)context.Operation;
        IMethodSymbol method = invocation.TargetMethod;
        if (!SymbolEqualityComparer.Default.Equals(method.ContainingType, allocs)
            || method.Name is not ("Record" or "Assert"))
        {
            return;
        }
        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            if (argument.Parameter?.Ordinal == 0 && IsAsyncBody(argument.Value))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.AsyncBody,
                    NameLocation(invocation.Syntax),
                    method.Name,
                    method.Name + "Async"));
            }
        }
    }

    private static bool IsAsyncBody(IOperation value)
    {
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }
        if (value is not IDelegateCreationOperation creation)
        {
            return false;
        }
        IOperation target = creation.Target;
        while (target is IConversionOperation conversion)
        {
            target = conversion.Operand;
        }
        return target switch
        {
            IAnonymousFunctionOperation lambda => lambda.Symbol.IsAsync,
            IMethodReferenceOperation reference => reference.Method.IsAsync,
            _ => false,
        };
    }

    private static Location NameLocation(SyntaxNode invocation) =>
        invocation is InvocationExpressionSyntax { Expression: var callee }
            ? callee switch
            {
                MemberAccessExpressionSyntax access => access.Name.GetLocation(),
                SimpleNameSyntax name => name.GetLocation(),
                _ => callee.GetLocation(),
            }
            : invocation.GetLocation();
}
