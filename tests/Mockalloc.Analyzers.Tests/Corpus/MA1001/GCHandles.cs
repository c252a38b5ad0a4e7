// MA1001 corpus: GCHandle, GCHandle<T>, PinnedGCHandle<T>, WeakGCHandle<T>.
using System;
using System.Runtime.InteropServices;

namespace Corpus.Handles;

public static class Leaks
{
    public static void Classic(object o)
    {
        GCHandle h = GCHandle.Alloc(o, GCHandleType.Pinned); // MA1001
        Console.WriteLine(h.AddrOfPinnedObject());
    }

    public static void ThroughIntPtrNeverFreed(object o)
    {
        IntPtr cookie = GCHandle.ToIntPtr(GCHandle.Alloc(o)); // MA1001
        Console.WriteLine(cookie);
    }

    public static void Typed(string s)
    {
        var h = new GCHandle<string>(s); // MA1001
        Console.WriteLine(h.Target);
    }

    public static void Pinned(byte[] buffer)
    {
        var pin = new PinnedGCHandle<byte[]>(buffer); // MA1001
        Console.WriteLine(pin.Target.Length);
    }

    public static void Weak(object o)
    {
        var weak = new WeakGCHandle<object>(o); // MA1001
        Console.WriteLine(weak.TryGetTarget(out _));
    }
}

public static class Clean
{
    public static void Classic(object o)
    {
        GCHandle h = GCHandle.Alloc(o);
        h.Free();
    }

    public static void ThroughIntPtr(object o)
    {
        IntPtr cookie = GCHandle.ToIntPtr(GCHandle.Alloc(o));
        GCHandle.FromIntPtr(cookie).Free();
    }

    public static void TypedUsing(string s)
    {
        using var h = new GCHandle<string>(s);
        Console.WriteLine(h.Target);
    }

    public static void PinnedDispose(byte[] buffer)
    {
        var pin = new PinnedGCHandle<byte[]>(buffer);
        try
        {
            Console.WriteLine(pin.Target.Length);
        }
        finally
        {
            pin.Dispose();
        }
    }

    public static void WeakUsingBlock(object o)
    {
        using (var weak = new WeakGCHandle<object>(o))
        {
            Console.WriteLine(weak.TryGetTarget(out _));
        }
    }

    public static void Guarded(object o)
    {
        GCHandle h = GCHandle.Alloc(o);
        if (h.IsAllocated)
        {
            h.Free();
        }
    }
}
