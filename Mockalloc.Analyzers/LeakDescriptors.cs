using Microsoft.CodeAnalysis;

namespace Mockalloc.Analyzers;

/// <summary>The diagnostics of the static leak checker.</summary>
public static class LeakDescriptors
{
    /// <summary>Diagnostic ID of orphan objects.</summary>
    public const string OrphanObjectId = "MA1001";

    /// <summary>Diagnostic ID of proxy types.</summary>
    public const string ProxyTypeId = "MA1002";

    private const string Category = "Reliability";
    private const string HelpRoot = "https://github.com/mockalloc/mockalloc/blob/main/docs/rules/";

    /// <summary>
    /// MA1001: an acquired native block, GC handle or pooled buffer can become unreachable on some path
    /// without being released or handed to an owner. Arguments: API, variable (with a leading space, or
    /// empty), the path.
    /// </summary>
    public static readonly DiagnosticDescriptor OrphanObject = new(
        OrphanObjectId,
        title: "Acquired resource can leak (orphan object)",
        messageFormat: "`{0}` result{1} is not released {2}",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Native memory, a GC handle or a pooled buffer acquired here becomes unreachable on some path without a release and without ownership moving elsewhere (return, out/ref, a field, a collection, a callee that keeps or releases it).",
        helpLinkUri: HelpRoot + OrphanObjectId + ".md");

    /// <summary>
    /// MA1002: a type keeps such a resource in an instance field and nothing releases it. Arguments:
    /// type, API, field, what is missing.
    /// </summary>
    public static readonly DiagnosticDescriptor ProxyType = new(
        ProxyTypeId,
        title: "Type keeps a resource it never releases (proxy type)",
        messageFormat: "`{0}` keeps the `{1}` result in `{2}` but {3}",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A class or struct stores native memory, a GC handle or a pooled buffer in an instance field, and has no Dispose method or finalizer, or none of them releases that field on every path.",
        helpLinkUri: HelpRoot + ProxyTypeId + ".md",
        customTags: WellKnownDiagnosticTags.CompilationEnd);
}
