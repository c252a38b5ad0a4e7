using Mockalloc.Tracked;

namespace Mockalloc.Core.Tests.Tracing;

/// <summary>Tests that change the process environment run alone: no other test may see the variable.</summary>
[CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
public sealed class ProcessEnvironment;

/// <summary><c>MOCKALLOC_TRACING=1</c> turns tracing on for a rerun without code changes.</summary>
[Collection(nameof(ProcessEnvironment))]
public sealed unsafe class TracingEnvironmentTests
{
    [Theory]
    [InlineData("1", true)]
    [InlineData("true", true)]
    [InlineData("0", false)]
    [InlineData(null, false)]
    public void The_environment_decides_when_options_do_not_say(string? value, bool traced)
    {
        string? before = Environment.GetEnvironmentVariable("MOCKALLOC_TRACING");
        Environment.SetEnvironmentVariable("MOCKALLOC_TRACING", value);
        try
        {
            Assert.Equal(traced, new AllocOptions().Tracing);
            Assert.False(new AllocOptions { Tracing = false }.Tracing);
            AllocInfo info = Allocs.Record(() => TrackedNativeMemory.Alloc(8));
            Assert.Equal(traced, info.Trace is not null);
        }
        finally
        {
            Environment.SetEnvironmentVariable("MOCKALLOC_TRACING", before);
        }
    }
}
