using Fixtures;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace MSTestFixture;

[TestClass]
public class Features
{
    [MockallocTestMethod]
    [Ignore("skipped on purpose")]
    public void Skipped() => Blocks.Allocate();

    [MockallocTestMethod(DisplayName = "a custom display name")]
    public void Named() => Blocks.AllocateAndFree(1);

    [MockallocTestMethod]
    [Timeout(200, CooperativeCancellation = true)]
    public async Task TimesOut()
    {
        // Leaks, but a timed-out test is not judged: only the timeout is reported.
        Blocks.Allocate();
        await Task.Delay(20_000, TestContext.CancellationToken);
    }

    [MockallocTestMethod]
    [Timeout(20_000, CooperativeCancellation = true)]
    public async Task FinishesInTime()
    {
        await Task.Delay(10);
        Blocks.AllocateAndFree(1);
    }

    public TestContext TestContext { get; set; } = null!;
}
