namespace Mockalloc.Fody.Tests;

/// <summary>A library woven by real Fody in its own build (FodyBuiltFixture), used as a test project uses one.</summary>
public sealed class FodyBuildTests
{
    [Fact]
    public void Correct_use_passes_and_a_leak_names_its_line()
    {
        AllocInfo pair = Allocs.Record(FodyBuiltFixture.Buffers.Pair);
        AllocInfo leak = Allocs.Record(FodyBuiltFixture.Buffers.Leak, new AllocOptions { Tracing = true });

        Assert.Null(pair.Error);
        Assert.Equal(1, pair.AllocationCount);
        Assert.Equal(AllocError.Leak, leak.Error);
        CallSite site = Assert.Single(leak.Trace!.Leaks).AllocationSite;
        Assert.Equal(Woven.LineOf("fody-leak", "FodyBuiltFixture"), site.Line);
        Assert.Equal("Leak", site.Member);
    }

    [Fact]
    public void The_pdb_Fody_wrote_keeps_stack_trace_lines()
    {
        var thrown = Assert.Throws<InvalidOperationException>(FodyBuiltFixture.Buffers.Throws);

        var frame = new System.Diagnostics.StackTrace(thrown, fNeedFileInfo: true).GetFrame(0)!;
        Assert.Equal(Woven.LineOf("fody-throw", "FodyBuiltFixture"), frame.GetFileLineNumber());
    }

    [Fact]
    public void AssertAllocs_works_in_a_Fody_build()
    {
        Assert.Equal(AllocError.Leak, Assert.Throws<AllocException>(FodyBuiltFixture.Buffers.AssertedLeak).Error);
    }
}
