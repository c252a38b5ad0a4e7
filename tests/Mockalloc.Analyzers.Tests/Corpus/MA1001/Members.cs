// MA1001 corpus: every kind of body is analysed (constructors, accessors, local functions, lambdas), and
// calls whose target is unknown (virtual, interface, delegate) take what they are given.
using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Corpus.Members;

public interface ISink
{
    void Take(IntPtr block);
}

public abstract class SinkBase
{
    public abstract void Take(IntPtr block);

    public virtual void Maybe(IntPtr block)
    {
    }
}

public sealed class Leaks
{
    public Leaks(int size)
    {
        IntPtr scratch = Marshal.AllocHGlobal(size); // MA1001
        Console.WriteLine(scratch);
    }

    public int Property
    {
        get
        {
            IntPtr p = Marshal.AllocHGlobal(4); // MA1001
            return Marshal.ReadByte(p);
        }
    }

    public static void InLocalFunction()
    {
        Work();

        static void Work()
        {
            IntPtr p = Marshal.AllocHGlobal(4); // MA1001
            Console.WriteLine(p);
        }
    }

    public static Action InLambda() => () =>
    {
        IntPtr p = Marshal.AllocCoTaskMem(4); // MA1001
        Console.WriteLine(p);
    };

    public static void ThrowOutOfNarrowCatch(int n)
    {
        IntPtr p = Marshal.AllocHGlobal(4); // MA1001
        try
        {
            if (n < 0)
            {
                throw new InvalidOperationException();
            }
        }
        catch (IOException)
        {
            Marshal.FreeHGlobal(p);
            return;
        }

        Marshal.FreeHGlobal(p);
    }
}

public static class Clean
{
    public static void ToInterface(ISink sink) => sink.Take(Marshal.AllocHGlobal(4));

    public static void ToAbstract(SinkBase sink) => sink.Take(Marshal.AllocHGlobal(4));

    public static void ToVirtual(SinkBase sink)
    {
        IntPtr p = Marshal.AllocHGlobal(4);
        sink.Maybe(p);
    }

    public static void ToDelegate(Action<IntPtr> sink) => sink(Marshal.AllocHGlobal(4));

    public static void ThrowIntoCatchAll(int n)
    {
        IntPtr p = Marshal.AllocHGlobal(4);
        try
        {
            if (n < 0)
            {
                throw new InvalidOperationException();
            }
        }
        catch (Exception)
        {
            Console.WriteLine("recovered");
        }

        Marshal.FreeHGlobal(p);
    }
}
