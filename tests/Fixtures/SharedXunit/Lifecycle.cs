using Fixtures;
using Xunit;

namespace XunitFixture;

// The constructor's block is freed by Dispose: balanced only if both are inside the test's region.
public sealed class ConstructorAndDispose : IDisposable
{
    private readonly nint _block = Blocks.Allocate();

    [MockallocFact]
    public void Passes()
    {
    }

    public void Dispose() => Blocks.Free(_block);
}

public class LeakInConstructor
{
    public LeakInConstructor() => Blocks.Allocate();

    [MockallocFact]
    public void Leaks()
    {
    }
}

// Holds a block for the whole class: a leak if class fixtures were part of the test's region.
public sealed class HeldBlock : IDisposable
{
    private readonly nint _block = Blocks.Allocate();

    public void Dispose() => Blocks.Free(_block);
}

public class ClassFixtureNotRecorded(HeldBlock held) : IClassFixture<HeldBlock>
{
    [MockallocFact]
    public void Passes()
    {
        Assert.NotNull(held);
        Blocks.AllocateAndFree(1);
    }
}
