// RAPx rCanary regression case memleak_1, in C#: a heap block taken out of automatic management and lost.
// Rust: let buf = Box::new("buffer"); let ptr = Box::into_raw(buf); // leak: no drop_in_place(ptr)
using System.Runtime.InteropServices;
using System.Text;

namespace Corpus.Rapx;

public static unsafe class MemLeak1
{
    public static void Main()
    {
        byte[] text = Encoding.UTF8.GetBytes("buffer");
        byte* ptr = (byte*)NativeMemory.Alloc((nuint)text.Length); // MA1001
        Marshal.Copy(text, 0, (nint)ptr, text.Length);
    }

    public static void Fixed()
    {
        byte[] text = Encoding.UTF8.GetBytes("buffer");
        byte* ptr = (byte*)NativeMemory.Alloc((nuint)text.Length);
        Marshal.Copy(text, 0, (nint)ptr, text.Length);
        NativeMemory.Free(ptr);
    }
}
