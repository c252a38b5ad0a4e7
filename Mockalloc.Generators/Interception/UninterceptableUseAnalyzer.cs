using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis;
using Mockalloc.Apis;
using Mockalloc.Generators.Diagnostics;

namespace Mockalloc.Generators.Interception;

/// <summary>
/// MA0004: in a project with <c>MockallocTrack</c> on, a use of a tracked member that interceptors cannot
/// redirect (a method group, a function pointer, a typed-handle constructor, an owner whose element type is a
/// type parameter). The region does not see it; the message names the facade to call and the weaver.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UninterceptableUseAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.Uninterceptable];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            bool on = InterceptionGenerator.IsOn(
                start.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(InterceptionGenerator.SwitchProperty, out string? value) ? value : null);
            if (!on || start.Compilation.GetTypeByMetadataName("Mockalloc.Tracked.TrackedNativeMemory") is null)
            {
                return;
            }

            start.RegisterOperationAction(AnalyzeMethodReference, OperationKind.MethodReference);
            start.RegisterOperationAction(AnalyzeObjectCreation, OperationKind.ObjectCreation);
            start.RegisterOperationAction(AnalyzeInvocation, OperationKind.Invocation);
        });
    }

    private static void AnalyzeMethodReference(OperationAnalysisContext context)
    {
        var reference = (IMethodReferenceOperation)context.Operation;
        if (TrackedApiIndex.Find(reference.Method) is { Facade: { Interceptable: true } facade } row && !InFacades(context.ContainingSymbol))
        {
            Report(context, row, facade, "a method group or function pointer cannot be intercepted");
        }
    }

    private static void AnalyzeObjectCreation(OperationAnalysisContext context)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (creation.Constructor is { } constructor && TrackedApiIndex.Find(constructor) is { Facade: { } facade } row && !InFacades(context.ContainingSymbol))
        {
            Report(context, row, facade, "a constructor cannot be intercepted, and its Dispose is then left alone too");
        }
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context)
    {
        // IMemoryOwner<T>.Dispose() binds to IDisposable.Dispose; the interceptor can cast back only to a closed type.
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod.ContainingType.SpecialType == SpecialType.System_IDisposable
            && invocation.Instance?.Type is INamedTypeSymbol { TypeKind: TypeKind.Interface } owner
            && TrackedApiIndex.FindInterceptable(owner.OriginalDefinition, "Dispose") is { Facade: { } facade } row
            && owner.TypeArguments.Any(t => t.TypeKind == TypeKind.TypeParameter))
        {
            Report(context, row, facade, "the owner's element type is a type parameter");
        }
    }

    private static bool InFacades(ISymbol symbol) => symbol.ContainingNamespace?.ToDisplayString() == "Mockalloc.Tracked";

    private static void Report(OperationAnalysisContext context, ResourceApi row, ResourceFacade facade, string reason) =>
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.Uninterceptable,
            context.Operation.Syntax.GetLocation(),
            row.Display,
            reason,
            facade.TypeName.Substring(facade.TypeName.LastIndexOf('.') + 1) + "." + facade.Member));
}
