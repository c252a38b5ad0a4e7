using System.Runtime.InteropServices;

namespace InterceptedLibrary;

/// <summary>A small library with a real bug: the early return for empty text leaks its native copy.</summary>
public static class NativeText
{
    /// <summary>The number of UTF-16 code units of <paramref name="text"/>, measured on a native copy.</summary>
    public static int MeasureUtf16(string text)
    {
        nint copy = Marshal.StringToHGlobalUni(text ?? throw new ArgumentNullException(nameof(text)));
        if (text.Length == 0)
        {
            return 0;
        }

        int length = 0;
        while (Marshal.ReadInt16(copy, length * 2) != 0)
        {
            length++;
        }

        Marshal.FreeHGlobal(copy);
        return length;
    }
}
