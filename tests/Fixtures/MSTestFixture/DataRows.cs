using Fixtures;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace MSTestFixture;

[TestClass]
public class DataRows
{
    public static IEnumerable<object[]> Payloads => [[new Payload(Leak: false)], [new Payload(Leak: true)]];

    [MockallocTestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void InlineRows(bool leak) => Run(leak);

    [MockallocTestMethod]
    [DynamicData(nameof(Payloads))]
    public void DynamicRows(Payload payload) => Run(payload.Leak);

    [MockallocTestMethod]
    [DataRow(0)]
    [DataRow(2)]
    public void CountRows(int count) => Blocks.AllocateAndFree(count);

    private static void Run(bool leak)
    {
        nint block = Blocks.Allocate();
        if (!leak)
        {
            Blocks.Free(block);
        }
    }
}

public sealed record Payload(bool Leak)
{
    public override string ToString() => Leak ? "leaking" : "balanced";
}
