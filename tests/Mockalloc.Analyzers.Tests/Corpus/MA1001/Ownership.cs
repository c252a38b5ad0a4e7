// MA1001 corpus: ownership transfer (return, out/ref, fields, statics, collections, callees) and helper summaries.
using System;
using System.Buffers;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace Corpus.Ownership;

public static unsafe class Helpers
{
    public static void Release(IntPtr p) => Marshal.FreeHGlobal(p);

    public static void ReleaseIfSet(void* p)
    {
        if (p != null)
        {
            NativeMemory.Free(p);
        }
    }

    public static IntPtr Create(int size) => Marshal.AllocHGlobal(size);

    public static void* CreateNative(nuint size)
    {
        void* p = NativeMemory.Alloc(size);
        NativeMemory.Clear(p, size);
        return p;
    }

    public static void Inspect(IntPtr p) => Console.WriteLine(Marshal.ReadByte(p));

    public static void Forward(IntPtr p) => Release(p);

    public static int Recurse(IntPtr p, int n) => n == 0 ? Marshal.ReadByte(p) : Recurse(p, n - 1);

    private static readonly List<IntPtr> s_registry = [];

    public static void Register(IntPtr p) => s_registry.Add(p);

    public static void Keep<T>(List<T> kept, T item) => kept.Add(item);
}

public sealed class Owner : IDisposable
{
    private IntPtr _block;

    public void Adopt(IntPtr block)
    {
        Marshal.FreeHGlobal(_block);
        _block = block;
    }

    public void Dispose() => Marshal.FreeHGlobal(_block);
}

public static unsafe class Leaks
{
    public static void HelperOnlyReads()
    {
        IntPtr p = Marshal.AllocHGlobal(8); // MA1001
        Helpers.Inspect(p);
    }

    public static void FreshFromHelperLost()
    {
        IntPtr p = Helpers.Create(16); // MA1001
        Helpers.Inspect(p);
    }

    public static void FreshFromNativeHelperDiscarded()
    {
        Helpers.CreateNative(8); // MA1001
    }

    public static void PassedToMetadataReader()
    {
        IntPtr p = Marshal.AllocHGlobal(8); // MA1001
        Console.WriteLine(p.ToString());
    }

    private static IntPtr s_slot;

    public static void StaticOverwrittenWhileOwning()
    {
        s_slot = Marshal.AllocHGlobal(8); // MA1001
        s_slot = Marshal.AllocHGlobal(16);
    }
}

public static unsafe class Clean
{
    private static IntPtr s_cache;
    private static void* s_native;

    public static IntPtr Returned() => Marshal.AllocHGlobal(8);

    public static void OutParameter(out IntPtr result)
    {
        result = Marshal.AllocHGlobal(8);
    }

    public static void RefParameter(ref IntPtr slot)
    {
        slot = Marshal.AllocHGlobal(8);
    }

    public static void StoredInStatic()
    {
        s_cache = Marshal.AllocHGlobal(8);
    }

    public static void LazyStatic()
    {
        if (s_native == null)
        {
            s_native = NativeMemory.Alloc(64);
        }
    }

    public static void AddedToCollection(List<IntPtr> owned)
    {
        IntPtr p = Marshal.AllocHGlobal(8);
        owned.Add(p);
    }

    public static void StoredInArray(IntPtr[] slots)
    {
        slots[0] = Marshal.AllocHGlobal(8);
    }

    public static void ReleasedByHelper()
    {
        IntPtr p = Marshal.AllocHGlobal(8);
        Helpers.Release(p);
    }

    public static void ReleasedByConditionalHelper()
    {
        void* p = NativeMemory.Alloc(8);
        Helpers.ReleaseIfSet(p);
    }

    public static void ReleasedThroughTwoHelpers()
    {
        IntPtr p = Helpers.Create(4);
        Helpers.Forward(p);
    }

    public static void RegisteredByHelper()
    {
        Helpers.Register(Marshal.AllocHGlobal(8));
    }

    public static void RecursiveHelperThenFree()
    {
        IntPtr p = Marshal.AllocHGlobal(8);
        Helpers.Recurse(p, 3);
        Marshal.FreeHGlobal(p);
    }

    public static void AdoptedByOwner(Owner owner)
    {
        owner.Adopt(Marshal.AllocHGlobal(8));
    }

    public static Action CapturedByLambda()
    {
        IntPtr p = Marshal.AllocHGlobal(8);
        return () => Marshal.FreeHGlobal(p);
    }

    public static byte[] RentedAndReturnedToCaller(int n) => ArrayPool<byte>.Shared.Rent(n);

    public static void KeptThroughGenericHelper(List<byte[]> kept)
    {
        byte[] rented = ArrayPool<byte>.Shared.Rent(8);
        Helpers.Keep(kept, rented);
    }

    public static void FreedInLocalFunction()
    {
        IntPtr p = Marshal.AllocHGlobal(8);
        Cleanup();

        void Cleanup() => Marshal.FreeHGlobal(p);
    }
}
