namespace Mockalloc.Fody.Tests;

/// <summary>Typed GC handles: the weaver redirects their constructors and their Dispose together.</summary>
public sealed class GCHandleTests
{
    [Theory]
    [InlineData("TypedPair")]
    [InlineData("TypedPassedOn")]
    [InlineData("TypedUsing")]
    [InlineData("PinnedAndWeakPairs")]
    public void New_and_Dispose_pairs_pass(string method)
    {
        AllocInfo info = Allocs.Record(Woven.Body("HandleCalls", method));

        Assert.Null(info.Error);
        Assert.True(info.AllocationCount > 0, "the constructor was not redirected");
        Assert.Equal(info.AllocationCount, info.FreeCount);
    }

    [Fact]
    public void A_missing_Dispose_leaks_at_the_constructor_line()
    {
        AllocInfo info = Allocs.Record(Woven.Body("HandleCalls", "TypedLeak"), new AllocOptions { Tracing = true });

        Assert.Equal(AllocError.Leak, info.Error);
        CallSite site = Assert.Single(info.Trace!.Leaks).AllocationSite;
        Assert.Equal(Woven.LineOf("typed-leak"), site.Line);
        Assert.Equal("HandleCalls.cs", Path.GetFileName(site.File));
    }
}
