using Fixtures;
using Mockalloc;
using Xunit;

namespace XunitFixture;

public class Basics
{
    [MockallocFact]
    public void Passes() => Blocks.AllocateAndFree(2);

    [MockallocFact]
    public void Leaks() => Blocks.Allocate();

    [MockallocFact]
    public void DoubleFrees() => Blocks.DoubleFree();

    [MockallocFact(Tracing = true)]
    public void LeaksTraced() => Blocks.AllocateAt(CallSite.Here());

    [MockallocFact]
    public void AllocatesNothing()
    {
    }

    [MockallocFact(AllowNoData = true)]
    public void AllocatesNothingAllowed()
    {
    }

    [MockallocFact]
    public void FailsAndLeaks()
    {
        Blocks.Allocate();
        Assert.Fail("own failure marker");
    }

    [MockallocFact]
    public void FailsBeforeAllocating() => Assert.Fail("own failure marker");

    [Fact]
    public void PlainFactIsNotRecorded()
    {
        Assert.False(Allocs.IsRecording);
        Blocks.Allocate();
    }
}
