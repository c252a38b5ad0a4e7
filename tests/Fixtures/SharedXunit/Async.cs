using Fixtures;
using Xunit;

namespace XunitFixture;

public class Async
{
    [MockallocFact]
    public async Task TaskLeaksAfterAwait()
    {
        await Task.Delay(10);
        Blocks.Allocate();
    }

    [MockallocFact]
    public async Task TaskFreesOnAnotherThread()
    {
        nint block = Blocks.Allocate();
        await Task.Yield();
        await Task.Run(() => Blocks.Free(block));
    }

    [MockallocFact]
    public async ValueTask ValueTaskLeaksAfterAwait()
    {
        await Task.Delay(10);
        Blocks.Allocate();
    }

    [MockallocFact]
    public void ThreadHopPasses()
    {
        nint block = 0;
        var thread = new Thread(() => block = Blocks.Allocate());
        thread.Start();
        thread.Join();
        Blocks.Free(block);
    }
}
