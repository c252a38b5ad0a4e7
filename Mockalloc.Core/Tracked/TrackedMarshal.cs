using System.Runtime.InteropServices;
using System.Security;
using System.Text;
using Mockalloc.Internal;

namespace Mockalloc.Tracked;

/// <summary>
/// The allocating members of <see cref="Marshal"/> (HGlobal, CoTaskMem, string and secure-string conversions, BSTR) with every
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
    public static nint AllocHGlobal(int cb) => AllocHGlobal(cb, default(CallSite));

    /// <inheritdoc cref="AllocHGlobal(int)"/>
    /// <param name="cb">The size in bytes.</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static nint AllocHGlobal(int cb, CallSite site) => AllocHGlobal((nint)cb, site);

    /// <summary>Tracked <see cref="Marshal.AllocHGlobal(nint)"/>.</summary>
    /// <param name="cb">The size in bytes.</param>
    /// <returns>The block.</returns>
    /// <exception cref="OutOfMemoryException">The allocation failed.</exception>
    public static nint AllocHGlobal(nint cb) => AllocHGlobal(cb, default(CallSite));

    /// <inheritdoc cref="AllocHGlobal(nint)"/>
    /// <param name="cb">The size in bytes.</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static nint AllocHGlobal(nint cb, CallSite site) => (nint)NativeBlocks.Allocate<HGlobalFamily>((nuint)cb, 0, zeroed: false, site.Id);

    /// <summary>Tracked <see cref="Marshal.ReAllocHGlobal"/>: a zero <paramref name="pv"/> allocates.</summary>
    /// <param name="pv">The block to resize.</param>
    /// <param name="cb">The new size in bytes.</param>
    /// <returns>The resized block.</returns>
    /// <exception cref="OutOfMemoryException">The reallocation failed; <paramref name="pv"/> is still valid.</exception>
    public static nint ReAllocHGlobal(nint pv, nint cb) => ReAllocHGlobal(pv, cb, default(CallSite));

    /// <inheritdoc cref="ReAllocHGlobal(nint, nint)"/>
    /// <param name="pv">The block to resize.</param>
    /// <param name="cb">The new size in bytes.</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static nint ReAllocHGlobal(nint pv, nint cb, CallSite site) => (nint)NativeBlocks.Reallocate<HGlobalFamily>((void*)pv, (nuint)cb, 0, site.Id);

    /// <summary>Tracked <see cref="Marshal.FreeHGlobal"/>: zero is a no-op.</summary>
    /// <param name="hglobal">The block to release.</param>
    public static void FreeHGlobal(nint hglobal) => FreeHGlobal(hglobal, default(CallSite));

    /// <inheritdoc cref="FreeHGlobal(nint)"/>
    /// <param name="hglobal">The block to release.</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static void FreeHGlobal(nint hglobal, CallSite site) => NativeBlocks.Release<HGlobalFamily>((void*)hglobal, site.Id);

    /// <summary>Tracked <see cref="Marshal.StringToHGlobalAnsi"/>.</summary>
    /// <param name="s">The string, or null (then zero is returned).</param>
    /// <returns>The ANSI copy, null-terminated.</returns>
    public static nint StringToHGlobalAnsi(string? s) => StringToHGlobalAnsi(s, default(CallSite));

    /// <inheritdoc cref="StringToHGlobalAnsi(string?)"/>
    /// <param name="s">The string, or null (then zero is returned).</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static nint StringToHGlobalAnsi(string? s, CallSite site) => s is null ? 0 : CopyAnsi<HGlobalFamily>(s, site.Id);

    /// <summary>Tracked <see cref="Marshal.StringToHGlobalUni"/>.</summary>
    /// <param name="s">The string, or null (then zero is returned).</param>
    /// <returns>The UTF-16 copy, null-terminated.</returns>
    public static nint StringToHGlobalUni(string? s) => StringToHGlobalUni(s, default(CallSite));

    /// <inheritdoc cref="StringToHGlobalUni(string?)"/>
    /// <param name="s">The string, or null (then zero is returned).</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static nint StringToHGlobalUni(string? s, CallSite site) => s is null ? 0 : CopyUtf16<HGlobalFamily>(s, site.Id);

    /// <summary>Tracked <see cref="Marshal.StringToHGlobalAuto"/>: UTF-16 on Windows, UTF-8 elsewhere, as the BCL.</summary>
    /// <param name="s">The string, or null (then zero is returned).</param>
    /// <returns>The copy, null-terminated.</returns>
    public static nint StringToHGlobalAuto(string? s) => StringToHGlobalAuto(s, default(CallSite));

    /// <inheritdoc cref="StringToHGlobalAuto(string?)"/>
    /// <param name="s">The string, or null (then zero is returned).</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static nint StringToHGlobalAuto(string? s, CallSite site) => s is null ? 0 : CopyAuto<HGlobalFamily>(s, site.Id);

    /// <summary>Tracked <see cref="Marshal.ZeroFreeGlobalAllocAnsi"/>: clears, then releases.</summary>
    /// <param name="s">The string block, or zero.</param>
    public static void ZeroFreeGlobalAllocAnsi(nint s) => ZeroFreeGlobalAllocAnsi(s, default(CallSite));

    /// <inheritdoc cref="ZeroFreeGlobalAllocAnsi(nint)"/>
    /// <param name="s">The string block, or zero.</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static void ZeroFreeGlobalAllocAnsi(nint s, CallSite site) => ZeroFree<HGlobalFamily>(s, Marshal.ZeroFreeGlobalAllocAnsi, site.Id);

    /// <summary>Tracked <see cref="Marshal.ZeroFreeGlobalAllocUnicode"/>: clears, then releases.</summary>
    /// <param name="s">The string block, or zero.</param>
    public static void ZeroFreeGlobalAllocUnicode(nint s) => ZeroFreeGlobalAllocUnicode(s, default(CallSite));

    /// <inheritdoc cref="ZeroFreeGlobalAllocUnicode(nint)"/>
    /// <param name="s">The string block, or zero.</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static void ZeroFreeGlobalAllocUnicode(nint s, CallSite site) => ZeroFree<HGlobalFamily>(s, Marshal.ZeroFreeGlobalAllocUnicode, site.Id);

    /// <summary>Tracked <see cref="Marshal.AllocCoTaskMem"/>.</summary>
    /// <param name="cb">The size in bytes.</param>
    /// <returns>The block.</returns>
    /// <exception cref="OutOfMemoryException">The allocation failed.</exception>
    public static nint AllocCoTaskMem(int cb) => AllocCoTaskMem(cb, default(CallSite));

    /// <inheritdoc cref="AllocCoTaskMem(int)"/>
    /// <param name="cb">The size in bytes, read as unsigned, as the BCL does (so -1 asks for 4 GiB).</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static nint AllocCoTaskMem(int cb, CallSite site) => (nint)NativeBlocks.Allocate<CoTaskMemFamily>((nuint)(uint)cb, 0, zeroed: false, site.Id);

    /// <summary>Tracked <see cref="Marshal.ReAllocCoTaskMem"/>: a zero <paramref name="pv"/> allocates.</summary>
    /// <param name="pv">The block to resize.</param>
    /// <param name="cb">The new size in bytes.</param>
    /// <returns>The resized block.</returns>
    /// <exception cref="OutOfMemoryException">The reallocation failed; <paramref name="pv"/> is still valid.</exception>
    public static nint ReAllocCoTaskMem(nint pv, int cb) => ReAllocCoTaskMem(pv, cb, default(CallSite));

    /// <inheritdoc cref="ReAllocCoTaskMem(nint, int)"/>
    /// <param name="pv">The block to resize.</param>
    /// <param name="cb">The new size in bytes.</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static nint ReAllocCoTaskMem(nint pv, int cb, CallSite site) => (nint)NativeBlocks.Reallocate<CoTaskMemFamily>((void*)pv, (nuint)(uint)cb, 0, site.Id);

    /// <summary>Tracked <see cref="Marshal.FreeCoTaskMem"/>: zero is a no-op.</summary>
    /// <param name="ptr">The block to release.</param>
    public static void FreeCoTaskMem(nint ptr) => FreeCoTaskMem(ptr, default(CallSite));

    /// <inheritdoc cref="FreeCoTaskMem(nint)"/>
    /// <param name="ptr">The block to release.</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static void FreeCoTaskMem(nint ptr, CallSite site) => NativeBlocks.Release<CoTaskMemFamily>((void*)ptr, site.Id);

    /// <summary>Tracked <see cref="Marshal.StringToCoTaskMemAnsi"/>.</summary>
    /// <param name="s">The string, or null (then zero is returned).</param>
    /// <returns>The ANSI copy, null-terminated.</returns>
    public static nint StringToCoTaskMemAnsi(string? s) => StringToCoTaskMemAnsi(s, default(CallSite));

    /// <inheritdoc cref="StringToCoTaskMemAnsi(string?)"/>
    /// <param name="s">The string, or null (then zero is returned).</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static nint StringToCoTaskMemAnsi(string? s, CallSite site) => s is null ? 0 : CopyAnsi<CoTaskMemFamily>(s, site.Id);

    /// <summary>Tracked <see cref="Marshal.StringToCoTaskMemUni"/>.</summary>
    /// <param name="s">The string, or null (then zero is returned).</param>
    /// <returns>The UTF-16 copy, null-terminated.</returns>
    public static nint StringToCoTaskMemUni(string? s) => StringToCoTaskMemUni(s, default(CallSite));

    /// <inheritdoc cref="StringToCoTaskMemUni(string?)"/>
    /// <param name="s">The string, or null (then zero is returned).</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static nint StringToCoTaskMemUni(string? s, CallSite site) => s is null ? 0 : CopyUtf16<CoTaskMemFamily>(s, site.Id);

    /// <summary>Tracked <see cref="Marshal.StringToCoTaskMemAuto"/>: UTF-16 on Windows, UTF-8 elsewhere, as the BCL.</summary>
    /// <param name="s">The string, or null (then zero is returned).</param>
    /// <returns>The copy, null-terminated.</returns>
    public static nint StringToCoTaskMemAuto(string? s) => StringToCoTaskMemAuto(s, default(CallSite));

    /// <inheritdoc cref="StringToCoTaskMemAuto(string?)"/>
    /// <param name="s">The string, or null (then zero is returned).</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static nint StringToCoTaskMemAuto(string? s, CallSite site) => s is null ? 0 : CopyAuto<CoTaskMemFamily>(s, site.Id);

    /// <summary>Tracked <see cref="Marshal.StringToCoTaskMemUTF8"/>.</summary>
    /// <param name="s">The string, or null (then zero is returned).</param>
    /// <returns>The UTF-8 copy, null-terminated.</returns>
    public static nint StringToCoTaskMemUTF8(string? s) => StringToCoTaskMemUTF8(s, default(CallSite));

    /// <inheritdoc cref="StringToCoTaskMemUTF8(string?)"/>
    /// <param name="s">The string, or null (then zero is returned).</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static nint StringToCoTaskMemUTF8(string? s, CallSite site) => s is null ? 0 : CopyUtf8<CoTaskMemFamily>(s, site.Id);

    /// <summary>Tracked <see cref="Marshal.ZeroFreeCoTaskMemAnsi"/>: clears, then releases.</summary>
    /// <param name="s">The string block, or zero.</param>
    public static void ZeroFreeCoTaskMemAnsi(nint s) => ZeroFreeCoTaskMemAnsi(s, default(CallSite));

    /// <inheritdoc cref="ZeroFreeCoTaskMemAnsi(nint)"/>
    /// <param name="s">The string block, or zero.</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static void ZeroFreeCoTaskMemAnsi(nint s, CallSite site) => ZeroFree<CoTaskMemFamily>(s, Marshal.ZeroFreeCoTaskMemAnsi, site.Id);

    /// <summary>Tracked <see cref="Marshal.ZeroFreeCoTaskMemUnicode"/>: clears, then releases.</summary>
    /// <param name="s">The string block, or zero.</param>
    public static void ZeroFreeCoTaskMemUnicode(nint s) => ZeroFreeCoTaskMemUnicode(s, default(CallSite));

    /// <inheritdoc cref="ZeroFreeCoTaskMemUnicode(nint)"/>
    /// <param name="s">The string block, or zero.</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static void ZeroFreeCoTaskMemUnicode(nint s, CallSite site) => ZeroFree<CoTaskMemFamily>(s, Marshal.ZeroFreeCoTaskMemUnicode, site.Id);

    /// <summary>Tracked <see cref="Marshal.ZeroFreeCoTaskMemUTF8"/>: clears, then releases.</summary>
    /// <param name="s">The string block, or zero.</param>
    public static void ZeroFreeCoTaskMemUTF8(nint s) => ZeroFreeCoTaskMemUTF8(s, default(CallSite));

    /// <inheritdoc cref="ZeroFreeCoTaskMemUTF8(nint)"/>
    /// <param name="s">The string block, or zero.</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static void ZeroFreeCoTaskMemUTF8(nint s, CallSite site) => ZeroFree<CoTaskMemFamily>(s, Marshal.ZeroFreeCoTaskMemUTF8, site.Id);

    /// <summary>Tracked <see cref="Marshal.StringToBSTR"/>.</summary>
    /// <param name="s">The string, or null (then zero is returned).</param>
    /// <returns>The BSTR.</returns>
    public static nint StringToBSTR(string? s) => StringToBSTR(s, default(CallSite));

    /// <inheritdoc cref="StringToBSTR(string?)"/>
    /// <param name="s">The string, or null (then zero is returned).</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static nint StringToBSTR(string? s, CallSite site)
    {
        nint bstr = Marshal.StringToBSTR(s);
        TrackBstr(bstr, bstr == 0 ? 0 : s!.Length * sizeof(char), site.Id);
        return bstr;
    }

    private static void TrackBstr(nint bstr, int bytes, int site)
    {
        if (bstr != 0 && RegionFlow.IsRecordingOnThisThread)
        {
            LiveBstrs.Add(bstr, bytes);
            RegionFlow.OnAlloc((nuint)bstr, (ulong)bytes, 0, AllocFamily.Bstr, site);
        }
    }

    /// <summary>Tracked <see cref="Marshal.FreeBSTR"/>: zero is a no-op.</summary>
    /// <param name="ptr">The BSTR to release.</param>
    public static void FreeBSTR(nint ptr) => FreeBSTR(ptr, default(CallSite));

    /// <inheritdoc cref="FreeBSTR(nint)"/>
    /// <param name="ptr">The BSTR to release.</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static void FreeBSTR(nint ptr, CallSite site) => ReleaseBstr(ptr, zero: false, site.Id);

    /// <summary>Tracked <see cref="Marshal.ZeroFreeBSTR"/>: clears, then releases.</summary>
    /// <param name="s">The BSTR to release.</param>
    public static void ZeroFreeBSTR(nint s) => ZeroFreeBSTR(s, default(CallSite));

    /// <inheritdoc cref="ZeroFreeBSTR(nint)"/>
    /// <param name="s">The BSTR to release.</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static void ZeroFreeBSTR(nint s, CallSite site) => ReleaseBstr(s, zero: true, site.Id);

    /// <summary>Tracked <see cref="Marshal.SecureStringToBSTR"/>.</summary>
    /// <param name="s">The secure string.</param>
    /// <returns>The BSTR.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is null.</exception>
    public static nint SecureStringToBSTR(SecureString s) => SecureStringToBSTR(s, default(CallSite));

    /// <inheritdoc cref="SecureStringToBSTR(SecureString)"/>
    /// <param name="s">The secure string.</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static nint SecureStringToBSTR(SecureString s, CallSite site)
    {
        nint bstr = Marshal.SecureStringToBSTR(s);
        TrackBstr(bstr, s.Length * sizeof(char), site.Id);
        return bstr;
    }

    /// <summary>Tracked <see cref="Marshal.SecureStringToGlobalAllocAnsi"/>; release with <see cref="ZeroFreeGlobalAllocAnsi(nint)"/>.</summary>
    /// <param name="s">The secure string.</param>
    /// <returns>The ANSI copy, null-terminated.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is null.</exception>
    public static nint SecureStringToGlobalAllocAnsi(SecureString s) => SecureStringToGlobalAllocAnsi(s, default(CallSite));

    /// <inheritdoc cref="SecureStringToGlobalAllocAnsi(SecureString)"/>
    /// <param name="s">The secure string.</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static nint SecureStringToGlobalAllocAnsi(SecureString s, CallSite site) =>
        CopyNullTerminated<HGlobalFamily>(Marshal.SecureStringToGlobalAllocAnsi(s), sizeof(byte), Marshal.ZeroFreeGlobalAllocAnsi, site.Id);

    /// <summary>Tracked <see cref="Marshal.SecureStringToGlobalAllocUnicode"/>; release with <see cref="ZeroFreeGlobalAllocUnicode(nint)"/>.</summary>
    /// <param name="s">The secure string.</param>
    /// <returns>The UTF-16 copy, null-terminated.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is null.</exception>
    public static nint SecureStringToGlobalAllocUnicode(SecureString s) => SecureStringToGlobalAllocUnicode(s, default(CallSite));

    /// <inheritdoc cref="SecureStringToGlobalAllocUnicode(SecureString)"/>
    /// <param name="s">The secure string.</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static nint SecureStringToGlobalAllocUnicode(SecureString s, CallSite site) =>
        CopyNullTerminated<HGlobalFamily>(Marshal.SecureStringToGlobalAllocUnicode(s), sizeof(char), Marshal.ZeroFreeGlobalAllocUnicode, site.Id, s.Length);

    /// <summary>Tracked <see cref="Marshal.SecureStringToCoTaskMemAnsi"/>; release with <see cref="ZeroFreeCoTaskMemAnsi(nint)"/>.</summary>
    /// <param name="s">The secure string.</param>
    /// <returns>The ANSI copy, null-terminated.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is null.</exception>
    public static nint SecureStringToCoTaskMemAnsi(SecureString s) => SecureStringToCoTaskMemAnsi(s, default(CallSite));

    /// <inheritdoc cref="SecureStringToCoTaskMemAnsi(SecureString)"/>
    /// <param name="s">The secure string.</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static nint SecureStringToCoTaskMemAnsi(SecureString s, CallSite site) =>
        CopyNullTerminated<CoTaskMemFamily>(Marshal.SecureStringToCoTaskMemAnsi(s), sizeof(byte), Marshal.ZeroFreeCoTaskMemAnsi, site.Id);

    /// <summary>Tracked <see cref="Marshal.SecureStringToCoTaskMemUnicode"/>; release with <see cref="ZeroFreeCoTaskMemUnicode(nint)"/>.</summary>
    /// <param name="s">The secure string.</param>
    /// <returns>The UTF-16 copy, null-terminated.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is null.</exception>
    public static nint SecureStringToCoTaskMemUnicode(SecureString s) => SecureStringToCoTaskMemUnicode(s, default(CallSite));

    /// <inheritdoc cref="SecureStringToCoTaskMemUnicode(SecureString)"/>
    /// <param name="s">The secure string.</param>
    /// <param name="site">Where the call is (<see cref="CallSite.Here"/>), for tracing.</param>
    public static nint SecureStringToCoTaskMemUnicode(SecureString s, CallSite site) =>
        CopyNullTerminated<CoTaskMemFamily>(Marshal.SecureStringToCoTaskMemUnicode(s), sizeof(char), Marshal.ZeroFreeCoTaskMemUnicode, site.Id, s.Length);

    private static void ReleaseBstr(nint ptr, bool zero, int site)
    {
        if (ptr == 0)
        {
            return;
        }
        bool recording = RegionFlow.IsRecordingOnThisThread;
        if ((recording || !LiveBstrs.IsEmpty) && LiveBstrs.TryRemove(ptr, out int bytes))
        {
            RegionFlow.OnFree((nuint)ptr, (ulong)bytes, 0, AllocFamily.Bstr, site);
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
            // Untagged: the address may be a live block of another family (a MismatchedFree).
            RegionFlow.OnFree((nuint)ptr, 0, 0, AllocFamily.Bstr, site);
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

    private static nint CopyAuto<TFamily>(string s, int site)
        where TFamily : struct, INativeFamily =>
        OperatingSystem.IsWindows() ? CopyUtf16<TFamily>(s, site) : CopyUtf8<TFamily>(s, site);

    private static nint CopyUtf8<TFamily>(string s, int site)
        where TFamily : struct, INativeFamily
    {
        int length = Encoding.UTF8.GetByteCount(s);
        byte* block = (byte*)NativeBlocks.Allocate<TFamily>((nuint)length + 1, 0, zeroed: false, site);
        Encoding.UTF8.GetBytes(s, new Span<byte>(block, length));
        block[length] = 0;
        return (nint)block;
    }

    private static nint CopyUtf16<TFamily>(string s, int site)
        where TFamily : struct, INativeFamily
    {
        nuint bytes = ((nuint)s.Length + 1) * sizeof(char);
        char* block = (char*)NativeBlocks.Allocate<TFamily>(bytes, 0, zeroed: false, site);
        s.CopyTo(new Span<char>(block, s.Length));
        block[s.Length] = '\0';
        return (nint)block;
    }

    // The BCL's own conversion (the platform's ANSI code page: UTF-8 on Unix) into a temporary block,
    // copied into a tracked one of exactly the converted length.
    private static nint CopyAnsi<TFamily>(string s, int site)
        where TFamily : struct, INativeFamily =>
        CopyNullTerminated<TFamily>(Marshal.StringToHGlobalAnsi(s), sizeof(byte), Marshal.FreeHGlobal, site);

    // Copies a null-terminated string of 1- or 2-byte units that the BCL converted into an untracked
    // temporary block into a tracked block of exactly its length (given, or up to the terminator), then
    // releases the temporary (zeroing it, for secure strings, through the release the caller names).
    private static nint CopyNullTerminated<TFamily>(nint converted, int unitBytes, Action<nint> releaseTemporary, int site, int knownUnits = -1)
        where TFamily : struct, INativeFamily
    {
        try
        {
            nuint units = knownUnits >= 0 ? (nuint)knownUnits
                : unitBytes == sizeof(char) ? (nuint)MemoryMarshal.CreateReadOnlySpanFromNullTerminated((char*)converted).Length
                : (nuint)MemoryMarshal.CreateReadOnlySpanFromNullTerminated((byte*)converted).Length;
            nuint bytes = (units + 1) * (nuint)unitBytes;
            byte* block = (byte*)NativeBlocks.Allocate<TFamily>(bytes, 0, zeroed: false, site);
            Buffer.MemoryCopy((void*)converted, block, bytes, bytes);
            return (nint)block;
        }
        finally
        {
            releaseTemporary(converted);
        }
    }

    private static void ZeroFree<TFamily>(nint ptr, Action<nint> untracked, int site)
        where TFamily : struct, INativeFamily
    {
        if (NativeBlocks.LiveSize((void*)ptr) is { } size)
        {
            NativeMemory.Clear((void*)ptr, (nuint)size);
            NativeBlocks.Release<TFamily>((void*)ptr, site);
        }
        else if (ptr != 0 && !RegionFlow.IsRecordingOnThisThread)
        {
            untracked(ptr);
        }
        else
        {
            NativeBlocks.Release<TFamily>((void*)ptr, site);
        }
    }
}
