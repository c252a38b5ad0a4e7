using Fixtures;
using Xunit;

namespace XunitFixture;

public class Theories
{
    public static TheoryData<Payload> NotSerializable => [new Payload(Leak: false), new Payload(Leak: true)];

    public static TheoryData<bool> Serializable => [false, true];

    [MockallocTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void InlineRows(bool leak) => Run(leak);

    [MockallocTheory]
    [MemberData(nameof(NotSerializable))]
    public void NotSerializableRows(Payload payload) => Run(payload.Leak);

    [MockallocTheory]
    [ClassData(typeof(Counts))]
    public void ClassRows(int count) => Blocks.AllocateAndFree(count);

    [MockallocTheory]
    [MemberData(nameof(Serializable))]
    public void MemberRows(bool leak) => Run(leak);

    [MockallocTheory]
    [InlineData(false)]
    [InlineData(true, Skip = "row skipped on purpose")]
    public void OneRowSkipped(bool leak) => Run(leak);

    [MockallocTheory(DisplayName = "a named theory")]
    [InlineData(1)]
    public void Named(int count) => Blocks.AllocateAndFree(count);

    // The slow row holds its block when it times out: judged, it would leak; timed out, it is not judged.
    [MockallocTheory(Timeout = 1_000)]
    [InlineData(0)]
    [InlineData(20_000)]
    public async Task TimedRows(int delay)
    {
        nint block = Blocks.Allocate();
        await Task.Delay(delay);
        Blocks.Free(block);
    }

    private static void Run(bool leak)
    {
        nint block = Blocks.Allocate();
        if (!leak)
        {
            Blocks.Free(block);
        }
    }
}

// Not serializable by xUnit: the theory is enumerated at run time, one test case for all rows.
public sealed record Payload(bool Leak)
{
    public override string ToString() => Leak ? "leaking" : "balanced";
}

public sealed class Counts : TheoryData<int>
{
    public Counts()
    {
        Add(0);
        Add(2);
    }
}
