using Microsoft.CodeAnalysis;

namespace Mockalloc.Generators.Interception;

/// <summary>The diagnostics about interception, with all their wording.</summary>
public static class InterceptionDescriptors
{
    /// <summary>Diagnostic ID of a tracked member used where interceptors cannot redirect it.</summary>
    public const string UninterceptableId = "MA0004";

    private const string HelpRoot = "https://github.com/mockalloc/mockalloc/blob/main/docs/rules/";

    /// <summary>
    /// MA0004: a use of a tracked member that interceptors cannot redirect, so regions do not see it.
    /// Arguments: the member, why, the facade to call instead.
    /// </summary>
    public static readonly DiagnosticDescriptor Uninterceptable = new(
        UninterceptableId,
        title: "Tracked member used where interceptors cannot redirect it",
        messageFormat: "`{0}` is not tracked here: {1}. Call `{2}` directly, or weave the assembly with Mockalloc.Fody.",
        category: "Mockalloc.Tracking",
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "With MockallocTrack on, calls of NativeMemory, Marshal, GCHandle, ArrayPool and MemoryPool are redirected to Mockalloc.Tracked at compile time. Method groups, delegates and function pointers to those members, constructors of typed GC handles, reflection and code in other assemblies cannot be redirected: a region does not see what they acquire or release.",
        helpLinkUri: HelpRoot + UninterceptableId + ".md");
}
