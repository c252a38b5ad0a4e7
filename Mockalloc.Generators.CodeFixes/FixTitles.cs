using Mockalloc.Generators.Diagnostics;

namespace Mockalloc.Generators.CodeFixes;

/// <summary>The titles of the usage code fixes, in one place (the diagnostics' wording is in <c>Descriptors</c>).</summary>
internal static class FixTitles
{
    /// <summary>MA0001 where the call can be awaited as is. Argument: the async method.</summary>
    public const string AwaitAsyncOverload = "Use Allocs.{0} and await it";

    /// <summary>MA0001 where the enclosing void method also becomes async Task. Arguments: the async method, the enclosing method.</summary>
    public const string AwaitAndMakeAsync = "Use Allocs.{0}, await it and make `{1}` async Task";

    /// <summary>MA0002's budget fix. Arguments: the knob, the value written.</summary>
    public const string WriteValue = "Write {0} = {1}";

    /// <summary>MA0003's fix. Argument: the Mockalloc attribute.</summary>
    public const string UseAttribute = "Use [{0}]";
}
