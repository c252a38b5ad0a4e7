using Microsoft.CodeAnalysis;

namespace Mockalloc.Generators.Diagnostics;

/// <summary>The diagnostics of Mockalloc.Generators (usage rules and interception): every ID, title and message in one place.</summary>
public static class Descriptors
{
    /// <summary>Diagnostic ID of an async body passed to a synchronous region.</summary>
    public const string AsyncBodyId = "MA0001";

    /// <summary>Diagnostic ID of an invalid knob value.</summary>
    public const string KnobValueId = "MA0002";

    /// <summary>Diagnostic ID of a plain test attribute where a Mockalloc one is available.</summary>
    public const string TestAttributeId = "MA0003";

    /// <summary>Diagnostic ID of a tracked member used where interceptors cannot redirect it.</summary>
    public const string UninterceptableId = "MA0004";

    /// <summary>The property of MA0002 diagnostics that the code fix writes in place of the value, when one is unambiguous.</summary>
    public const string ReplacementProperty = "Replacement";

    /// <summary>The property of MA0003 diagnostics naming the Mockalloc attribute to use (without the <c>Attribute</c> suffix).</summary>
    public const string AttributeProperty = "Attribute";

    private const string Category = "Mockalloc.Usage";
    private const string HelpRoot = "https://github.com/mockalloc/mockalloc/blob/main/docs/rules/";

    /// <summary>
    /// MA0001: an async lambda, anonymous method or async void method is passed to <c>Allocs.Record</c> or
    /// <c>Allocs.Assert</c>. Arguments: the method called, the async overload to call instead.
    /// </summary>
    public static readonly DiagnosticDescriptor AsyncBody = new(
        AsyncBodyId,
        title: "Async body passed to a synchronous Allocs region",
        messageFormat: "`Allocs.{0}` throws ArgumentException for an async body, which would run as async void and end the region at its first await; call `Allocs.{1}` and await it",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Allocs.Record and Allocs.Assert take an Action. An async lambda or method converted to Action is async void: it would return at its first incomplete await, so the region would be judged before the body finishes. Record and Assert therefore reject such a body with ArgumentException when they run; this rule reports it when the code is built. Allocs.RecordAsync and Allocs.AssertAsync take a Func<Task> and await it.",
        helpLinkUri: HelpRoot + AsyncBodyId + ".md");

    /// <summary>
    /// MA0002: a knob of a Mockalloc attribute has a value that is not valid. Arguments: the knob, the
    /// attribute, why it is not valid and what to write.
    /// </summary>
    public static readonly DiagnosticDescriptor KnobValue = new(
        KnobValueId,
        title: "Invalid Mockalloc knob value",
        messageFormat: "`{0}` on `[{1}]` {2}",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A budget (MaxManagedBytes, MaxAllocations, MaxPeakBytes) is a limit of zero or more, or -1 for no budget; a value below -1 is almost always a typo for a limit. TraceStacks only adds stacks to tracing, so TraceStacks = true with Tracing = false in the same attribute captures nothing.",
        helpLinkUri: HelpRoot + KnobValueId + ".md");

    /// <summary>
    /// MA0003: a test uses the framework's plain test attribute though the project references the Mockalloc
    /// one. Arguments: the attribute used, the Mockalloc attribute to use.
    /// </summary>
    public static readonly DiagnosticDescriptor TestAttribute = new(
        TestAttributeId,
        title: "Use the Mockalloc test attribute",
        messageFormat: "Use `[{1}]` instead of `[{0}]` so the test is checked for allocation bugs",
        Category,
        DiagnosticSeverity.Info,
        isEnabledByDefault: false,
        description: "The project references a Mockalloc test package, and this test uses the framework's plain attribute, so Mockalloc does not check it. Off by default: switch it on (dotnet_diagnostic.MA0003.severity = suggestion or warning) in projects where every test should be a Mockalloc region.",
        helpLinkUri: HelpRoot + TestAttributeId + ".md");

    /// <summary>MA0002's reason for a budget below -1. Argument: none.</summary>
    internal const string BudgetBelowMinusOne = "is below -1: a budget is a limit of zero or more, or -1 for no budget; write -1 (or the limit you meant)";

    /// <summary>MA0002's reason for TraceStacks without tracing.</summary>
    internal const string StacksWithoutTracing = "has no effect because the same attribute sets `Tracing = false`: stacks are only captured while tracing; remove one of the two";

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
