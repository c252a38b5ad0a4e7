using System.Runtime.InteropServices;
using Mockalloc;

namespace WeaverFixture;

/// <summary>Methods whose bodies the weaver wraps in regions.</summary>
public class AssertedMethods
{
    [AssertAllocs]
    public static void Clean()
    {
        nint p = Marshal.AllocHGlobal(8);
        Marshal.FreeHGlobal(p);
    }

    [AssertAllocs]
    public static void Leaks()
    {
        Marshal.AllocHGlobal(8);
    }

    [AssertAllocs]
    public static void Throws()
    {
        nint p = Marshal.AllocHGlobal(8);
        Marshal.FreeHGlobal(p);
        throw new InvalidOperationException("the body's own");
    }

    [AssertAllocs]
    public static void LeaksThenThrows()
    {
        Marshal.AllocHGlobal(8);
        throw new InvalidOperationException("the body's own");
    }

    [AssertAllocs]
    public static int ManyReturns(int x)
    {
        nint p = Marshal.AllocHGlobal(8);
        Marshal.FreeHGlobal(p);
        if (x > 0)
        {
            return x * 2;
        }

        for (int i = 0; i < 3; i++)
        {
            if (i == -x)
            {
                return i;
            }
        }

        return -1;
    }

    [AssertAllocs]
    public static void NothingTracked()
    {
    }

    [AssertAllocs(AllowNoData = true)]
    public static void NothingTrackedAllowed()
    {
    }

    [AssertAllocs(MaxAllocations = 1)]
    public static void OverBudget()
    {
        Marshal.FreeHGlobal(Marshal.AllocHGlobal(8));
        Marshal.FreeHGlobal(Marshal.AllocHGlobal(8));
    }

    [AssertAllocs]
    public int InstanceLeak(int size)
    {
        Marshal.AllocHGlobal(size);
        return size;
    }

    [AssertAllocs]
    public static T GenericClean<T>(T value)
    {
        nint p = Marshal.AllocHGlobal(8);
        Marshal.FreeHGlobal(p);
        return value;
    }

    [AssertAllocs(Tracing = true)]
    public static void LeaksTraced()
    {
        Marshal.AllocHGlobal(8); // @asserted-leak
    }

    [AssertAllocs]
    public static async Task CleanAsync()
    {
        nint p = Marshal.AllocHGlobal(8);
        await Task.Yield();
        Marshal.FreeHGlobal(p);
    }

    [AssertAllocs]
    public static async Task LeaksAfterAwait()
    {
        await Task.Yield();
        Marshal.AllocHGlobal(8);
    }

    [AssertAllocs]
    public static async Task<int> CleanAsyncResult()
    {
        await Task.Delay(1);
        Marshal.FreeHGlobal(Marshal.AllocHGlobal(8));
        return 42;
    }

    [AssertAllocs]
    public static async ValueTask<int> LeaksValueTask()
    {
        await Task.Yield();
        Marshal.AllocHGlobal(8);
        return 7;
    }

    [AssertAllocs]
    public static async ValueTask CleanValueTask()
    {
        await Task.Yield();
        Marshal.FreeHGlobal(Marshal.AllocHGlobal(8));
    }

    [AssertAllocs]
    public static async Task ThrowsAfterAwait()
    {
        await Task.Yield();
        Marshal.AllocHGlobal(8);
        throw new InvalidOperationException("the body's own, after an await");
    }

    [AssertAllocs]
    public static void EndsInAHandler()
    {
        try
        {
            throw new InvalidOperationException("thrown in the try");
        }
        catch (InvalidOperationException e)
        {
            throw new ArgumentException("thrown by the last handler", e);
        }
    }

    [AssertAllocs(AllowNoData = true, MaxManagedBytes = 0)]
    public static int AllocatesNothingManaged(int x) => x + 1;

    [AssertAllocs(AllowNoData = true, MaxManagedBytes = 500)]
    public static int AllocatesAKilobyte() => new byte[1000].Length;
}

/// <summary>[AssertAllocs] on a method of a generic type.</summary>
public sealed class Box<T>
{
    [AssertAllocs]
    public T Hold(T value, bool leak)
    {
        nint p = Marshal.AllocHGlobal(8);
        if (!leak)
        {
            Marshal.FreeHGlobal(p);
        }

        return value;
    }
}
