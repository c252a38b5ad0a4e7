using Fixtures;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Mockalloc;

namespace MSTestFixture;

[TestClass]
public class Basics
{
    [MockallocTestMethod]
    public void Passes() => Blocks.AllocateAndFree(2);

    [MockallocTestMethod]
    public void Leaks() => Blocks.Allocate();

    [MockallocTestMethod]
    public void DoubleFrees() => Blocks.DoubleFree();

    [MockallocTestMethod(Tracing = true)]
    public void LeaksTraced() => Blocks.AllocateAt(CallSite.Here());

    [MockallocTestMethod]
    public void AllocatesNothing()
    {
    }

    [MockallocTestMethod(AllowNoData = true)]
    public void AllocatesNothingAllowed()
    {
    }

    [MockallocTestMethod]
    public void FailsAndLeaks()
    {
        Blocks.Allocate();
        Assert.Fail("own failure marker");
    }

    [MockallocTestMethod]
    public void FailsBeforeAllocating() => Assert.Fail("own failure marker");

    [TestMethod]
    public void PlainTestMethodIsNotRecorded()
    {
        Assert.IsFalse(Allocs.IsRecording);
        Blocks.Allocate();
    }
}
