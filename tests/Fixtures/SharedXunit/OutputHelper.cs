using Fixtures;
using Xunit;

namespace XunitFixture;

// The test output helper (xUnit v2: Xunit.Abstractions, a global using of Xunit2Fixture) is injected as with [Fact].
public class OutputHelper(ITestOutputHelper output)
{
    [MockallocFact]
    public void Passes()
    {
        output.WriteLine("written from a Mockalloc test");
        Blocks.AllocateAndFree(1);
    }
}
