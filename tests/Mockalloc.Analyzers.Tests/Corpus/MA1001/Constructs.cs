// MA1001 corpus: language constructs that must neither hide a leak nor invent one.
using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;

namespace Corpus.Constructs;

public sealed class NativeBlockHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public NativeBlockHandle(int size) : base(ownsHandle: true) => SetHandle(Marshal.AllocHGlobal(size));

    protected override bool ReleaseHandle()
    {
        Marshal.FreeHGlobal(handle);
        return true;
    }
}

public static class Leaks
{
    public static void FormattedWithParams()
    {
        IntPtr p = Marshal.AllocHGlobal(8); // MA1001
        Console.WriteLine("{0} {1}", p, 1);
    }

    public static void Interpolated()
    {
        IntPtr p = Marshal.AllocHGlobal(8); // MA1001
        Console.WriteLine($"block at {p}");
    }

    public static async Task<int> AcrossAwait(Stream s)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(16); // MA1001
        return await s.ReadAsync(buffer, 0, 16);
    }

    public static int SwitchExpression(int kind)
    {
        IntPtr p = Marshal.AllocHGlobal(8); // MA1001
        return kind switch
        {
            0 => 0,
            _ => Marshal.ReadByte(p),
        };
    }

    public static void Coalesce(IntPtr existing)
    {
        IntPtr p = Marshal.AllocCoTaskMem(4); // MA1001
        IntPtr q = existing != IntPtr.Zero ? existing : p;
        Console.WriteLine(q);
    }
}

public static class Clean
{
    private static IntPtr s_slot;

    public static async Task<int> AcrossAwait(Stream s)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(16);
        try
        {
            return await s.ReadAsync(buffer, 0, 16);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static IEnumerable<IntPtr> Yielded(int n)
    {
        for (int i = 0; i < n; i++)
        {
            yield return Marshal.AllocHGlobal(8);
        }
    }

    public static void ThroughRefLocal()
    {
        ref IntPtr slot = ref s_slot;
        slot = Marshal.AllocHGlobal(8);
    }

    public static SafeHandle WrappedInSafeHandle(int size) => new NativeBlockHandle(size);

    public static void OwnedBySafeFileHandle()
    {
        IntPtr p = Marshal.AllocHGlobal(8);
        using var handle = new SafeFileHandle(p, ownsHandle: true);
    }

    public static unsafe void AddressTaken()
    {
        IntPtr p = Marshal.AllocHGlobal(8);
        IntPtr* slot = &p;
        Console.WriteLine(*slot);
    }

    public static void PassedByRefToMetadata(ref IntPtr target)
    {
        IntPtr p = Marshal.AllocHGlobal(8);
        System.Threading.Interlocked.Exchange(ref target, p);
    }

    public static void CoalesceAssignment(IntPtr existing)
    {
        IntPtr p = existing;
        if (p == IntPtr.Zero)
        {
            p = Marshal.AllocHGlobal(4);
        }

        Marshal.FreeHGlobal(p);
    }

    public static void NullCoalescingOwner(IMemoryOwner<byte>? given)
    {
        IMemoryOwner<byte> owner = given ?? MemoryPool<byte>.Shared.Rent(8);
        owner.Dispose();
    }

    public static void SwitchStatement(int kind)
    {
        IntPtr p = Marshal.AllocHGlobal(8);
        switch (kind)
        {
            case 0:
                Marshal.FreeHGlobal(p);
                return;
            default:
                Marshal.FreeHGlobal(p);
                break;
        }
    }

    public static void Lock(object gate)
    {
        lock (gate)
        {
            IntPtr p = Marshal.AllocHGlobal(8);
            Marshal.FreeHGlobal(p);
        }
    }
}
