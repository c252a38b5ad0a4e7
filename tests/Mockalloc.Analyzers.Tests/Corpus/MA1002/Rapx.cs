// RAPx rCanary regression cases memleak_2 and memleak_3, in C#: a pointer kept only in a proxy.
// memleak_2: struct Proxy { ptr } whose Drop does not free ptr.
// memleak_3: a proxy with no Drop at all, filled through an initializer at the use site.
using System;
using System.Runtime.InteropServices;
using System.Text;

namespace Corpus.Rapx;

public unsafe struct ProxyWithEmptyDispose : IDisposable
{
    public byte* Ptr; // MA1002

    public void Dispose()
    {
        // the user should free Ptr here: NativeMemory.Free(Ptr);
    }
}

public unsafe struct ProxyWithoutDispose
{
    public byte* Ptr; // MA1002
}

public static unsafe class MemLeak23
{
    public static void MemLeak2()
    {
        byte[] text = Encoding.UTF8.GetBytes("buffer");
        byte* ptr = (byte*)NativeMemory.Alloc((nuint)text.Length);
        using var proxy = new ProxyWithEmptyDispose { Ptr = ptr };
    }

    public static void MemLeak3()
    {
        byte* ptr = (byte*)NativeMemory.Alloc(6);
        var proxy = new ProxyWithoutDispose();
        proxy.Ptr = ptr;
        Console.WriteLine(proxy.Ptr[0]);
    }
}

public unsafe struct ProxyThatFrees : IDisposable
{
    public byte* Ptr;

    public void Dispose() => NativeMemory.Free(Ptr);
}

public static unsafe class MemLeakFixed
{
    public static void Fixed()
    {
        using var proxy = new ProxyThatFrees { Ptr = (byte*)NativeMemory.Alloc(6) };
    }
}
