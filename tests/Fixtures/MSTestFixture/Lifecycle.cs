using Fixtures;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace MSTestFixture;

// The constructor's block is freed by Dispose: balanced only if both are inside the test's region.
[TestClass]
public sealed class ConstructorAndDispose : IDisposable
{
    private readonly nint _block = Blocks.Allocate();

    [MockallocTestMethod]
    public void Passes()
    {
    }

    public void Dispose() => Blocks.Free(_block);
}

// The constructor's block is freed by DisposeAsync (there is no Dispose): balanced only if DisposeAsync is inside the region.
[TestClass]
public sealed class ConstructorAndDisposeAsync : IAsyncDisposable
{
    private readonly nint _block = Blocks.Allocate();

    [MockallocTestMethod]
    public void Passes()
    {
    }

    public async ValueTask DisposeAsync()
    {
        await Task.Yield();
        Blocks.Free(_block);
    }
}

[TestClass]
public class LeakInConstructor
{
    public LeakInConstructor() => Blocks.Allocate();

    [MockallocTestMethod]
    public void Leaks()
    {
    }
}

[TestClass]
public class InitializeAndCleanup
{
    private nint _block;

    [TestInitialize]
    public async Task Initialize()
    {
        await Task.Yield();
        _block = Blocks.Allocate();
    }

    [TestCleanup]
    public async Task Cleanup()
    {
        await Task.Yield();
        Blocks.Free(_block);
    }

    [MockallocTestMethod]
    public void Passes()
    {
    }
}

// Holds a block for the whole class: a leak if class initialization were part of the test's region.
[TestClass]
public class ClassInitializeNotRecorded
{
    private static nint s_held;

    [ClassInitialize]
    public static void HoldBlock(TestContext context) => s_held = Blocks.Allocate();

    [ClassCleanup]
    public static void ReleaseBlock() => Blocks.Free(s_held);

    [MockallocTestMethod]
    public void Passes() => Blocks.AllocateAndFree(1);
}

// Holds a block for the whole run: a leak if assembly initialization were part of the first test's region.
[TestClass]
public class AssemblyInitializeNotRecorded
{
    private static nint s_held;

    [AssemblyInitialize]
    public static void HoldBlock(TestContext context) => s_held = Blocks.Allocate();

    [AssemblyCleanup]
    public static void ReleaseBlock() => Blocks.Free(s_held);

    [MockallocTestMethod]
    public void Passes()
    {
        Assert.AreNotEqual(0, s_held);
        Blocks.AllocateAndFree(1);
    }
}
