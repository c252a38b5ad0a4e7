using Fixtures;
using Xunit;

namespace XunitFixture;

public class Theories
{
    public static TheoryData<Payload> NotSerializable => [new Payload(Leak: false), new Payload(Leak: true)];

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
