// MA1001 corpus: paths. Early returns, loops, try/finally, catch, explicit throws, correlated guards.
using System;
using System.Buffers;
using System.IO;
using System.Runtime.InteropServices;

namespace Corpus.Paths;

public static unsafe class Leaks
{
    public static int EarlyReturn(int count)
    {
        void* p = NativeMemory.Alloc(16); // MA1001
        if (count == 0)
        {
            return -1;
        }

        NativeMemory.Free(p);
        return count;
    }

    public static void FreedOnOneBranchOnly(bool flag)
    {
        IntPtr p = Marshal.AllocHGlobal(8); // MA1001
        if (flag)
        {
            Marshal.FreeHGlobal(p);
        }
    }

    public static void LostInLaterIteration(int n)
    {
        void* p = null;
        for (int i = 0; i < n; i++)
        {
            p = NativeMemory.Alloc(16); // MA1001
        }

        NativeMemory.Free(p);
    }

    public static void LeakedAtLoopExit(int n)
    {
        for (int i = 0; i < n; i++)
        {
            void* p = NativeMemory.Alloc(16); // MA1001
            if (i == 3)
            {
                break;
            }

            NativeMemory.Free(p);
        }
    }

    public static void ExplicitThrow(int n)
    {
        IntPtr p = Marshal.AllocHGlobal(n); // MA1001
        if (n > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(n));
        }

        Marshal.FreeHGlobal(p);
    }

    public static void CatchSwallowsWithoutFree(Stream s)
    {
        IntPtr p = Marshal.AllocHGlobal(8); // MA1001
        try
        {
            s.WriteByte(Marshal.ReadByte(p));
            s.Flush();
        }
        catch (IOException)
        {
            return;
        }

        Marshal.FreeHGlobal(p);
    }

    public static void UnrelatedGuard(bool a, bool b)
    {
        void* p = null;
        if (a)
        {
            p = NativeMemory.Alloc(4); // MA1001
        }

        if (b)
        {
            NativeMemory.Free(p);
        }
    }

    public static void WhileLoopOverwrite(Func<bool> more)
    {
        IntPtr buffer = IntPtr.Zero;
        while (more())
        {
            buffer = Marshal.AllocCoTaskMem(8); // MA1001
        }

        Marshal.FreeCoTaskMem(buffer);
    }
    public static void ComparisonChangedInBetween(int count)
    {
        void* p = null;
        if (count > 0)
        {
            p = NativeMemory.Alloc(8); // MA1001
        }

        count--;
        if (count > 0)
        {
            NativeMemory.Free(p);
        }
    }

    public static void GuardFlippedByCompoundAssignment(bool flag, bool other)
    {
        IntPtr p = IntPtr.Zero;
        if (flag)
        {
            p = Marshal.AllocHGlobal(8); // MA1001
        }

        flag &= other;
        if (flag)
        {
            Marshal.FreeHGlobal(p);
        }
    }

    public static void FinallyInsideTryCatchFreesNothing(Stream s)
    {
        IntPtr p = IntPtr.Zero;
        try
        {
            p = Marshal.AllocHGlobal(8); // MA1001
            try
            {
                s.WriteByte(Marshal.ReadByte(p));
            }
            finally
            {
                s.Flush();
            }

            Marshal.FreeHGlobal(p);
        }
        catch (IOException)
        {
        }
    }
    public static void CallThrowsBetweenRentAndReturn(Stream s, int n)
    {
        try
        {
            byte[] buffer = ArrayPool<byte>.Shared.Rent(n); // MA1001
            s.ReadExactly(buffer, 0, n);
            ArrayPool<byte>.Shared.Return(buffer);
        }
        catch (IOException)
        {
        }
    }

    public static void GetterThrowsBetweenAllocAndFree(Stream s)
    {
        try
        {
            IntPtr p = Marshal.AllocHGlobal(8); // MA1001
            Marshal.WriteInt64(p, s.Length);
            Marshal.FreeHGlobal(p);
        }
        catch (NotSupportedException)
        {
        }
    }
}

public static unsafe class Clean
{
    public static void UsingInsideTryCatch(Stream s)
    {
        try
        {
            using IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(8);
            s.Write(owner.Memory.Span);
            s.Flush();
        }
        catch (Exception)
        {
        }
    }

    public static void FinallyInsideTryCatch(Stream s)
    {
        void* p = null;
        try
        {
            p = NativeMemory.Alloc(8);
            try
            {
                s.WriteByte(*(byte*)p);
                s.Flush();
            }
            finally
            {
                NativeMemory.Free(p);
            }
        }
        catch
        {
        }
    }

    public static void FinallyInsideNarrowThenBroadCatch(Stream s)
    {
        try
        {
            try
            {
                IntPtr p = Marshal.AllocHGlobal(8);
                try
                {
                    s.WriteByte(Marshal.ReadByte(p));
                }
                finally
                {
                    Marshal.FreeHGlobal(p);
                }
            }
            catch (IOException)
            {
                s.Flush();
            }
        }
        catch (Exception e)
        {
            Console.WriteLine(e.Message);
        }
    }

    public static void TryFinally(Stream s)
    {
        IntPtr p = Marshal.AllocHGlobal(8);
        try
        {
            s.WriteByte(Marshal.ReadByte(p));
            if (s.Length > 10)
            {
                return;
            }

            s.Flush();
        }
        finally
        {
            Marshal.FreeHGlobal(p);
        }
    }

    public static void ThrowInsideTryFinally(int n)
    {
        void* p = NativeMemory.Alloc(16);
        try
        {
            if (n < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(n));
            }
        }
        finally
        {
            NativeMemory.Free(p);
        }
    }

    public static void CatchFrees(Stream s)
    {
        IntPtr p = Marshal.AllocHGlobal(8);
        try
        {
            s.WriteByte(Marshal.ReadByte(p));
            s.Flush();
        }
        catch (IOException)
        {
            Marshal.FreeHGlobal(p);
            throw;
        }

        Marshal.FreeHGlobal(p);
    }

    public static void FreeBeforeThrow(int n)
    {
        IntPtr p = Marshal.AllocHGlobal(8);
        if (n > 100)
        {
            Marshal.FreeHGlobal(p);
            throw new ArgumentOutOfRangeException(nameof(n));
        }

        Marshal.FreeHGlobal(p);
    }

    public static void CorrelatedGuard(bool flag)
    {
        void* p = null;
        if (flag)
        {
            p = NativeMemory.Alloc(4);
        }

        Console.WriteLine("work");
        if (flag)
        {
            NativeMemory.Free(p);
        }
    }

    public static void NegatedCorrelatedGuard(bool skip)
    {
        IntPtr p = IntPtr.Zero;
        if (!skip)
        {
            p = Marshal.AllocHGlobal(4);
        }

        if (skip)
        {
            return;
        }

        Marshal.FreeHGlobal(p);
    }

    public static void NullCheckedFree(bool flag)
    {
        void* p = null;
        if (flag)
        {
            p = NativeMemory.Alloc(4);
        }

        if (p != null)
        {
            NativeMemory.Free(p);
        }
    }

    public static void LoopAllocFree(int n)
    {
        for (int i = 0; i < n; i++)
        {
            void* p = NativeMemory.Alloc(16);
            if (i == 3)
            {
                NativeMemory.Free(p);
                break;
            }

            NativeMemory.Free(p);
        }
    }

    public static void ForeachWithFinally(int[] sizes)
    {
        foreach (int size in sizes)
        {
            IntPtr p = Marshal.AllocHGlobal(size);
            try
            {
                Marshal.WriteByte(p, 0);
            }
            finally
            {
                Marshal.FreeHGlobal(p);
            }
        }
    }

    public static void ExceptionFilterDoesNotConfuse(Stream s)
    {
        IntPtr p = Marshal.AllocHGlobal(8);
        try
        {
            s.Flush();
        }
        catch (IOException e) when (e.HResult == 5)
        {
            Console.WriteLine(e.Message);
        }
        finally
        {
            Marshal.FreeHGlobal(p);
        }
    }

    public static void CorrelatedComparison(int count)
    {
        void* p = null;
        if (count > 0)
        {
            p = NativeMemory.Alloc((nuint)count);
        }

        Console.WriteLine(count);
        if (count > 0)
        {
            NativeMemory.Free(p);
        }
    }

    public static void CorrelatedNegatedComparison(int count, int limit)
    {
        IntPtr p = IntPtr.Zero;
        if (count < limit)
        {
            p = Marshal.AllocHGlobal(8);
        }

        if (count >= limit)
        {
            return;
        }

        Marshal.FreeHGlobal(p);
    }

    public static void LoopConditionRepeated(int n)
    {
        for (int i = 0; i < n; i++)
        {
            void* p = NativeMemory.Alloc(4);
            if (i < n)
            {
                NativeMemory.Free(p);
            }
        }
    }

    public static void FreedOnBothBranchesInsideTryCatch(Stream s, bool early)
    {
        try
        {
            s.Flush();
            void* p = NativeMemory.Alloc(8);
            if (early)
            {
                NativeMemory.Free(p);
                return;
            }

            NativeMemory.Free(p);
        }
        catch (IOException)
        {
        }
    }

    public static void TemporaryHandedToStoringCall(System.Collections.Generic.List<byte[]> kept, int n)
    {
        try
        {
            kept.Add(ArrayPool<byte>.Shared.Rent(n));
        }
        catch (OutOfMemoryException)
        {
        }
    }
}
