using System.Runtime.InteropServices;
using System.Text;
using Mockalloc.Internal;

namespace Mockalloc.Tracked;

/// <summary>
/// The allocating members of <see cref="Marshal"/> (HGlobal, CoTaskMem, string conversions, BSTR) with every
/// acquisition and release reported to the current region. Same signatures, results and exceptions as the
/// BCL members.
/// </summary>
/// <remarks>
/// HGlobal and CoTaskMem blocks carry the same 16-byte header as <see cref="TrackedNativeMemory"/>'s, so
/// releases are exact and bad releases are contained; blocks from here must be released here. BSTRs keep
/// their exact layout (native code may free them with <c>SysFreeString</c>); those made inside a region are
/// tracked in a side table.
/// </remarks>
public static unsafe class TrackedMarshal
{
    private static readonly LiveTable<nint, int> LiveBstrs = new(EqualityComparer<nint>.Default);

    /// <summary>Tracked <see cref="Marshal.AllocHGlobal(int)"/>.</summary>
    /// <param name="cb">The size in bytes.</param>
    /// <returns>The block.</returns>
    /// <exception cref="OutOfMemoryException">The allocation failed.</exception>
    public static nint AllocHGlobal(int cb) => AllocHGlobal((nint)cb);

    /// <summary>Tracked <see cref="Marshal.AllocHGlobal(nint)"/>.</summary>
    /// <param name="cb">The size in bytes.</param>
    /// <returns>The block.</returns>
    /// <exception cref="OutOfMemoryException">The allocation failed.</exception>
    public static nint AllocHGlobal(nint cb) => (nint)NativeBlocks.Allocate<HGlobalFamily>((nuint)cb, 0, zeroed: false);

    /// <summary>Tracked <see cref="Marshal.ReAllocHGlobal"/>: a zero <paramref name="pv"/> allocates.</summary>
    /// <param name="pv">The block to resize.</param>
    /// <param name="cb">The new size in bytes.</param>
    /// <returns>The resized block.</returns>
    /// <exception cref="OutOfMemoryException">The reallocation failed; <paramref name="pv"/> is still valid.</exception>
    public static nint ReAllocHGlobal(nint pv, nint cb) => (nint)NativeBlocks.Reallocate<HGlobalFamily>((void*)pv, (nuint)cb, 0);

    /// <summary>Tracked <see cref="Marshal.FreeHGlobal"/>: zero is a no-op.</summary>
    /// <param name="hglobal">The block to release.</param>
    public static void FreeHGlobal(nint hglobal) => NativeBlocks.Release<HGlobalFamily>((void*)hglobal);

    /// <summary>Tracked <see cref="Marshal.StringToHGlobalAnsi"/>.</summary>
    /// <param name="s">The string, or null (then zero is returned).</param>
    /// <returns>The ANSI copy, null-terminated.</returns>
    public static nint StringToHGlobalAnsi(string? s) => s is null ? 0 : CopyAnsi<HGlobalFamily>(s);

    /// <summary>Tracked <see cref="Marshal.StringToHGlobalUni"/>.</summary>
    /// <param name="s">The string, or null (then zero is returned).</param>
    /// <returns>The UTF-16 copy, null-terminated.</returns>
    public static nint StringToHGlobalUni(string? s) => s is null ? 0 : CopyUtf16<HGlobalFamily>(s);

    /// <summary>Tracked <see cref="Marshal.StringToHGlobalAuto"/>: UTF-16 on Windows, UTF-8 elsewhere, as the BCL.</summary>
    /// <param name="s">The string, or null (then zero is returned).</param>
    /// <returns>The copy, null-terminated.</returns>
    public static nint StringToHGlobalAuto(string? s) => s is null ? 0 : CopyAuto<HGlobalFamily>(s);

    /// <summary>Tracked <see cref="Marshal.ZeroFreeGlobalAllocAnsi"/>: clears, then releases.</summary>
    /// <param name="s">The string block, or zero.</param>
    public static void ZeroFreeGlobalAllocAnsi(nint s) => ZeroFree<HGlobalFamily>(s, Marshal.ZeroFreeGlobalAllocAnsi);

    /// <summary>Tracked <see cref="Marshal.ZeroFreeGlobalAllocUnicode"/>: clears, then releases.</summary>
    /// <param name="s">The string block, or zero.</param>
    public static void ZeroFreeGlobalAllocUnicode(nint s) => ZeroFree<HGlobalFamily>(s, Marshal.ZeroFreeGlobalAllocUnicode);

    /// <summary>Tracked <see cref="Marshal.AllocCoTaskMem"/>.</summary>
    /// <param name="cb">The size in bytes.</param>
    /// <returns>The block.</returns>
    /// <exception cref="OutOfMemoryException">The allocation failed.</exception>
    public static nint AllocCoTaskMem(int cb) => (nint)NativeBlocks.Allocate<CoTaskMemFamily>((nuint)(nint)cb, 0, zeroed: false);

    /// <summary>Tracked <see cref="Marshal.ReAllocCoTaskMem"/>: a zero <paramref name="pv"/> allocates.</summary>
    /// <param name="pv">The block to resize.</param>
    /// <param name="cb">The new size in bytes.</param>
    /// <returns>The resized block.</returns>
    /// <exception cref="OutOfMemoryException">The reallocation failed; <paramref name="pv"/> is still valid.</exception>
    public static nint ReAllocCoTaskMem(nint pv, int cb) => (nint)NativeBlocks.Reallocate<CoTaskMemFamily>((void*)pv, (nuint)(nint)cb, 0);

    /// <summary>Tracked <see cref="Marshal.FreeCoTaskMem"/>: zero is a no-op.</summary>
    /// <param name="ptr">The block to release.</param>
    public static void FreeCoTaskMem(nint ptr) => NativeBlocks.Release<CoTaskMemFamily>((void*)ptr);

    /// <summary>Tracked <see cref="Marshal.StringToCoTaskMemAnsi"/>.</summary>
    /// <param name="s">The string, or null (then zero is returned).</param>
    /// <returns>The ANSI copy, null-terminated.</returns>
    public static nint StringToCoTaskMemAnsi(string? s) => s is null ? 0 : CopyAnsi<CoTaskMemFamily>(s);

    /// <summary>Tracked <see cref="Marshal.StringToCoTaskMemUni"/>.</summary>
    /// <param name="s">The string, or null (then zero is returned).</param>
    /// <returns>The UTF-16 copy, null-terminated.</returns>
    public static nint StringToCoTaskMemUni(string? s) => s is null ? 0 : CopyUtf16<CoTaskMemFamily>(s);

    /// <summary>Tracked <see cref="Marshal.StringToCoTaskMemAuto"/>: UTF-16 on Windows, UTF-8 elsewhere, as the BCL.</summary>
    /// <param name="s">The string, or null (then zero is returned).</param>
    /// <returns>The copy, null-terminated.</returns>
    public static nint StringToCoTaskMemAuto(string? s) => s is null ? 0 : CopyAuto<CoTaskMemFamily>(s);

    /// <summary>Tracked <see cref="Marshal.StringToCoTaskMemUTF8"/>.</summary>
    /// <param name="s">The string, or null (then zero is returned).</param>
    /// <returns>The UTF-8 copy, null-terminated.</returns>
    public static nint StringToCoTaskMemUTF8(string? s) => s is null ? 0 : CopyUtf8<CoTaskMemFamily>(s);

    /// <summary>Tracked <see cref="Marshal.ZeroFreeCoTaskMemAnsi"/>: clears, then releases.</summary>
    /// <param name="s">The string block, or zero.</param>
    public static void ZeroFreeCoTaskMemAnsi(nint s) => ZeroFree<CoTaskMemFamily>(s, Marshal.ZeroFreeCoTaskMemAnsi);

    /// <summary>Tracked <see cref="Marshal.ZeroFreeCoTaskMemUnicode"/>: clears, then releases.</summary>
    /// <param name="s">The string block, or zero.</param>
    public static void ZeroFreeCoTaskMemUnicode(nint s) => ZeroFree<CoTaskMemFamily>(s, Marshal.ZeroFreeCoTaskMemUnicode);

    /// <summary>Tracked <see cref="Marshal.ZeroFreeCoTaskMemUTF8"/>: clears, then releases.</summary>
    /// <param name="s">The string block, or zero.</param>
    public static void ZeroFreeCoTaskMemUTF8(nint s) => ZeroFree<CoTaskMemFamily>(s, Marshal.ZeroFreeCoTaskMemUTF8);

    /// <summary>Tracked <see cref="Marshal.StringToBSTR"/>.</summary>
    /// <param name="s">The string, or null (then zero is returned).</param>
    /// <returns>The BSTR.</returns>
    public static nint StringToBSTR(string? s)
    {
        nint bstr = Marshal.StringToBSTR(s);
        if (bstr != 0 && RegionFlow.IsRecordingOnThisThread)
        {
            int bytes = s!.Length * sizeof(char);
            LiveBstrs.Add(bstr, bytes);
            RegionFlow.OnAlloc((nuint)bstr, (ulong)bytes, 0, AllocFamily.Bstr);
        }
        return bstr;
    }

    /// <summary>Tracked <see cref="Marshal.FreeBSTR"/>: zero is a no-op.</summary>
    /// <param name="ptr">The BSTR to release.</param>
    public static void FreeBSTR(nint ptr) => ReleaseBstr(ptr, zero: false);

    /// <summary>Tracked <see cref="Marshal.ZeroFreeBSTR"/>: clears, then releases.</summary>
    /// <param name="s">The BSTR to release.</param>
    public static void ZeroFreeBSTR(nint s) => ReleaseBstr(s, zero: true);

    private static void ReleaseBstr(nint ptr, bool zero)
    {
        if (ptr == 0)
        {
            return;
        }
        bool recording = RegionFlow.IsRecordingOnThisThread;
        if ((recording || !LiveBstrs.IsEmpty) && LiveBstrs.TryRemove(ptr, out int bytes))
        {
            RegionFlow.OnFree((nuint)ptr, (ulong)bytes, 0, AllocFamily.Bstr);
            if (zero)
            {
                Marshal.ZeroFreeBSTR(ptr);
            }
            else
            {
                Marshal.FreeBSTR(ptr);
            }
        }
        else if (recording)
        {
            RegionFlow.OnFree((nuint)ptr, 0, 0, AllocFamily.Bstr);
        }
        else if (zero)
        {
            Marshal.ZeroFreeBSTR(ptr);
        }
        else
        {
            Marshal.FreeBSTR(ptr);
        }
    }

    private static nint CopyAuto<TFamily>(string s)
        where TFamily : struct, INativeFamily =>
        OperatingSystem.IsWindows() ? CopyUtf16<TFamily>(s) : CopyUtf8<TFamily>(s);

    private static nint CopyUtf8<TFamily>(string s)
        where TFamily : struct, INativeFamily
    {
        int length = Encoding.UTF8.GetByteCount(s);
        byte* block = (byte*)NativeBlocks.Allocate<TFamily>((nuint)length + 1, 0, zeroed: false);
        Encoding.UTF8.GetBytes(s, new Span<byte>(block, length));
        block[length] = 0;
        return (nint)block;
    }

    private static nint CopyUtf16<TFamily>(string s)
        where TFamily : struct, INativeFamily
    {
        nuint bytes = ((nuint)s.Length + 1) * sizeof(char);
        char* block = (char*)NativeBlocks.Allocate<TFamily>(bytes, 0, zeroed: false);
        s.CopyTo(new Span<char>(block, s.Length));
        block[s.Length] = '\0';
        return (nint)block;
    }

    // The BCL's own conversion (the platform's ANSI code page: UTF-8 on Unix) into a temporary block,
    // copied into a tracked one of exactly the converted length.
    private static nint CopyAnsi<TFamily>(string s)
        where TFamily : struct, INativeFamily
    {
        nint converted = Marshal.StringToHGlobalAnsi(s);
        try
        {
            nuint length = (nuint)MemoryMarshal.CreateReadOnlySpanFromNullTerminated((byte*)converted).Length;
            byte* block = (byte*)NativeBlocks.Allocate<TFamily>(length + 1, 0, zeroed: false);
            Buffer.MemoryCopy((void*)converted, block, length + 1, length + 1);
            return (nint)block;
        }
        finally
        {
            Marshal.FreeHGlobal(converted);
        }
    }

    private static void ZeroFree<TFamily>(nint ptr, Action<nint> untracked)
        where TFamily : struct, INativeFamily
    {
        if (NativeBlocks.LiveSize((void*)ptr) is { } size)
        {
            NativeMemory.Clear((void*)ptr, (nuint)size);
            NativeBlocks.Release<TFamily>((void*)ptr);
        }
        else if (ptr != 0 && !RegionFlow.IsRecordingOnThisThread)
        {
            untracked(ptr);
        }
        else
        {
            NativeBlocks.Release<TFamily>((void*)ptr);
        }
    }
}
