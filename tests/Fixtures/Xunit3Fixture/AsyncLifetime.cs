using Fixtures;
using Xunit;

namespace XunitFixture;

// Allocates in InitializeAsync and frees in DisposeAsync: balanced only if both are inside the test's region.
public sealed class AsyncLifetime : IAsyncLifetime
{
    private nint _block;

    public async ValueTask InitializeAsync()
    {
        await Task.Yield();
        _block = Blocks.Allocate();
    }

    public async ValueTask DisposeAsync()
    {
        await Task.Yield();
        Blocks.Free(_block);
    }

    [MockallocFact]
    public void Passes()
    {
    }
}
