using Fixtures;
using Xunit;

namespace XunitFixture;

// An assembly fixture (AssemblyInfo.cs) holding a block for the whole run: a leak if assembly fixtures were part of
// a test's region.
public sealed class HeldForTheAssembly : IDisposable
{
    public nint Block { get; } = Blocks.Allocate();

    public void Dispose() => Blocks.Free(Block);
}

public class AssemblyFixtureNotRecorded(HeldForTheAssembly held)
{
    [MockallocFact]
    public void Passes()
    {
        Assert.NotEqual(0, held.Block);
        Blocks.AllocateAndFree(1);
    }
}
