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

// The constructor's block is freed by DisposeAsync (there is no Dispose): balanced only if DisposeAsync is inside the region.
public sealed class ConstructorAndDisposeAsync : IAsyncDisposable
{
    private readonly nint _block = Blocks.Allocate();

    [MockallocFact]
    public void Passes()
    {
    }

    public async ValueTask DisposeAsync()
    {
        await Task.Yield();
        Blocks.Free(_block);
    }
}

// HoldsABlockAttribute (one per fixture: xUnit v2 and v3 differ) allocates in Before and frees in After. The test
// itself allocates nothing: it passes only if both are inside its region (outside, it fails with NoData; half in, a leak
// or a double free).
public class BeforeAndAfter
{
    [MockallocFact]
    [HoldsABlock]
    public void Passes()
    {
    }
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

// Holds a block for the whole collection: a leak if collection fixtures were part of the test's region.
[CollectionDefinition(nameof(HeldForTheCollection))]
public class HeldForTheCollection : ICollectionFixture<HeldBlock>;

[Collection(nameof(HeldForTheCollection))]
public class CollectionFixtureNotRecorded(HeldBlock held)
{
    [MockallocFact]
    public void Passes()
    {
        Assert.NotNull(held);
        Blocks.AllocateAndFree(1);
    }
}
