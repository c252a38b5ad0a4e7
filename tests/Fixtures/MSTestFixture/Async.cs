using Fixtures;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace MSTestFixture;

[TestClass]
public class Async
{
    [MockallocTestMethod]
    public async Task TaskLeaksAfterAwait()
    {
        await Task.Delay(10);
        Blocks.Allocate();
    }

    [MockallocTestMethod]
    public async Task TaskFreesOnAnotherThread()
    {
        nint block = Blocks.Allocate();
        await Task.Yield();
        await Task.Run(() => Blocks.Free(block));
    }

    [MockallocTestMethod]
    public async ValueTask ValueTaskLeaksAfterAwait()
    {
        await Task.Delay(10);
        Blocks.Allocate();
    }

    [MockallocTestMethod]
    public void ThreadHopPasses()
    {
        nint block = 0;
        var thread = new Thread(() => block = Blocks.Allocate());
        thread.Start();
        thread.Join();
        Blocks.Free(block);
    }
}
