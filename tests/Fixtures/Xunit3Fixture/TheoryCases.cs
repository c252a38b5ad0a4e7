using Mockalloc;
using Xunit;

namespace XunitFixture;

// Fails on purpose, naming the test case that ran the row, for the end-to-end test to check that both of xUnit v3's
// theory paths are Mockalloc's: a row enumerated at discovery runs as MockallocTestCase, rows enumerated at run time
// (data that cannot be serialized, or preEnumerateTheories off, as in the rerun) as MockallocDelayEnumeratedTheoryTestCase.
public class TheoryCases
{
    public static TheoryData<Payload> NotSerializable => [new Payload(Leak: false)];

    [MockallocTheory]
    [InlineData(1)]
    public void SerializableRow(int row) => ReportTestCase(row);

    [MockallocTheory]
    [MemberData(nameof(NotSerializable))]
    public void NotSerializableRow(Payload payload) => ReportTestCase(payload);

    private static void ReportTestCase(object row) =>
        Assert.Fail($"row {row} ran as {TestContext.Current.TestCase?.GetType().Name}, recording: {Allocs.IsRecording}.");
}
