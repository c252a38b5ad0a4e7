using Fixtures;
using Xunit;

namespace XunitFixture;

// Xunit3Fixture adds the tests of features only xUnit v3 has (FeaturesV3.cs).
public partial class Features
{
    [MockallocFact(Skip = "skipped on purpose")]
    public void Skipped() => Blocks.Allocate();

    [MockallocTheory(Skip = "skipped on purpose")]
    [InlineData(1)]
    public void SkippedTheory(int count) => Blocks.AllocateAndFree(count);

    [MockallocFact(DisplayName = "a custom display name")]
    public void Named() => Blocks.AllocateAndFree(1);

    [MockallocFact(Timeout = 200)]
    public async Task TimesOut()
    {
        // Leaks, but a timed-out test is not judged: only the timeout is reported.
        Blocks.Allocate();
        // Not observing the cancellation token on purpose: xUnit v3 reports a timed-out body that throws
        // later as a second, "cleanup failure" result, at random.
        await Task.Delay(20_000);
    }

    [MockallocFact(Timeout = 20_000)]
    public async Task FinishesInTime()
    {
        await Task.Delay(10);
        Blocks.AllocateAndFree(1);
    }
}
