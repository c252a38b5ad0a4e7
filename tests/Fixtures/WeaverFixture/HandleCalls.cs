using System.Runtime.InteropServices;

namespace WeaverFixture;

/// <summary>GC handles, untyped and typed (constructed with new).</summary>
public static class HandleCalls
{
    public static void UntypedPair()
    {
        GCHandle handle = GCHandle.Alloc(new object());
        handle.Free();
    }

    public static void UntypedLeak()
    {
        GCHandle handle = GCHandle.Alloc(new object(), GCHandleType.Weak);
        GC.KeepAlive(handle);
    }

    public static void TypedPair()
    {
        var handle = new GCHandle<object>(new object());
        handle.Dispose();
    }

    public static void TypedUsing()
    {
        using var handle = new GCHandle<object>(new object());
        using var pinned = new PinnedGCHandle<int[]>(new int[2]);
        GC.KeepAlive(handle.Target);
    }

    public static void TypedLeak()
    {
        var handle = new GCHandle<string>("leaked"); // @typed-leak
        GC.KeepAlive(handle.Target);
    }

    public static void TypedPassedOn() => DisposeIt(new GCHandle<object>(new object()));

    public static void PinnedAndWeakPairs()
    {
        var pinned = new PinnedGCHandle<byte[]>(new byte[4]);
        var weak = new WeakGCHandle<object>(new object());
        weak.Dispose();
        pinned.Dispose();
    }

    public static void GenericPair<T>(T target)
        where T : class
    {
        var handle = new GCHandle<T>(target);
        handle.Dispose();
    }

    private static void DisposeIt(GCHandle<object> handle) => handle.Dispose();
}
