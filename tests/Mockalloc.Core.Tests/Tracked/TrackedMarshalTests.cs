using System.Runtime.InteropServices;
using Mockalloc.Tracked;

namespace Mockalloc.Core.Tests.Tracked;

/// <summary><see cref="TrackedMarshal"/>: the BCL's results, every acquisition and release tracked.</summary>
public sealed unsafe class TrackedMarshalTests
{
    private const string Text = "grüße, 世界";

    [Fact]
    public void HGlobal_and_CoTaskMem_round_trip_with_exact_sizes()
    {
        AllocInfo info = Allocs.Record(() =>
        {
            nint h = TrackedMarshal.AllocHGlobal(10);
            h = TrackedMarshal.ReAllocHGlobal(h, 20);
            nint h2 = TrackedMarshal.AllocHGlobal((nint)7);
            nint c = TrackedMarshal.AllocCoTaskMem(30);
            c = TrackedMarshal.ReAllocCoTaskMem(c, 40);
            nint c2 = TrackedMarshal.ReAllocCoTaskMem(0, 5);
            TrackedMarshal.FreeHGlobal(h);
            TrackedMarshal.FreeHGlobal(h2);
            TrackedMarshal.FreeCoTaskMem(c);
            TrackedMarshal.FreeCoTaskMem(c2);
            TrackedMarshal.FreeHGlobal(0);
            TrackedMarshal.FreeCoTaskMem(0);
        });

        Assert.Null(info.Error);
        Assert.Equal(6, info.AllocationCount);
        Assert.Equal(10 + 20 + 7 + 30 + 40 + 5, info.BytesAllocated);
        Assert.Equal(info.BytesAllocated, info.BytesFreed);
    }

    [Fact]
    public void String_conversions_produce_what_the_BCL_produces()
    {
        AllocInfo info = Allocs.Record(() =>
        {
            AssertSameString(Marshal.StringToHGlobalAnsi(Text), TrackedMarshal.StringToHGlobalAnsi(Text), Marshal.PtrToStringAnsi, Marshal.FreeHGlobal, TrackedMarshal.FreeHGlobal);
            AssertSameString(Marshal.StringToHGlobalUni(Text), TrackedMarshal.StringToHGlobalUni(Text), Marshal.PtrToStringUni, Marshal.FreeHGlobal, TrackedMarshal.FreeHGlobal);
            AssertSameString(Marshal.StringToHGlobalAuto(Text), TrackedMarshal.StringToHGlobalAuto(Text), Marshal.PtrToStringAuto, Marshal.FreeHGlobal, TrackedMarshal.FreeHGlobal);
            AssertSameString(Marshal.StringToCoTaskMemAnsi(Text), TrackedMarshal.StringToCoTaskMemAnsi(Text), Marshal.PtrToStringAnsi, Marshal.FreeCoTaskMem, TrackedMarshal.FreeCoTaskMem);
            AssertSameString(Marshal.StringToCoTaskMemUni(Text), TrackedMarshal.StringToCoTaskMemUni(Text), Marshal.PtrToStringUni, Marshal.FreeCoTaskMem, TrackedMarshal.FreeCoTaskMem);
            AssertSameString(Marshal.StringToCoTaskMemAuto(Text), TrackedMarshal.StringToCoTaskMemAuto(Text), Marshal.PtrToStringAuto, Marshal.FreeCoTaskMem, TrackedMarshal.FreeCoTaskMem);
            AssertSameString(Marshal.StringToCoTaskMemUTF8(Text), TrackedMarshal.StringToCoTaskMemUTF8(Text), Marshal.PtrToStringUTF8, Marshal.FreeCoTaskMem, TrackedMarshal.FreeCoTaskMem);
        });

        Assert.Null(info.Error);
        Assert.Equal(7, info.AllocationCount);
    }

    [Fact]
    public void Null_strings_give_zero_and_record_nothing()
    {
        AllocInfo info = Allocs.Record(() =>
        {
            Assert.Equal(0, TrackedMarshal.StringToHGlobalAnsi(null));
            Assert.Equal(0, TrackedMarshal.StringToHGlobalUni(null));
            Assert.Equal(0, TrackedMarshal.StringToCoTaskMemUTF8(null));
            Assert.Equal(0, TrackedMarshal.StringToBSTR(null));
        }, new AllocOptions { AllowNoData = true });

        Assert.Equal(0, info.AllocationCount);
    }

    [Fact]
    public void ZeroFree_clears_and_releases()
    {
        AllocInfo info = Allocs.Record(() =>
        {
            TrackedMarshal.ZeroFreeGlobalAllocAnsi(TrackedMarshal.StringToHGlobalAnsi(Text));
            TrackedMarshal.ZeroFreeGlobalAllocUnicode(TrackedMarshal.StringToHGlobalUni(Text));
            TrackedMarshal.ZeroFreeCoTaskMemAnsi(TrackedMarshal.StringToCoTaskMemAnsi(Text));
            TrackedMarshal.ZeroFreeCoTaskMemUnicode(TrackedMarshal.StringToCoTaskMemUni(Text));
            TrackedMarshal.ZeroFreeCoTaskMemUTF8(TrackedMarshal.StringToCoTaskMemUTF8(Text));
            TrackedMarshal.ZeroFreeBSTR(TrackedMarshal.StringToBSTR(Text));
        });

        Assert.Null(info.Error);
        Assert.Equal(6, info.FreeCount);
    }

    [Fact]
    public void BSTRs_keep_their_layout_and_are_tracked()
    {
        AllocInfo info = Allocs.Record(() =>
        {
            nint bstr = TrackedMarshal.StringToBSTR(Text);
            Assert.Equal(Text, Marshal.PtrToStringBSTR(bstr));
            TrackedMarshal.FreeBSTR(bstr);
        });

        Assert.Null(info.Error);
        Assert.Equal(Text.Length * 2, info.BytesFreed);
    }

    [Fact]
    public void A_BSTR_freed_twice_is_a_DoubleFree_and_contained()
    {
        AllocInfo info = Allocs.Record(() =>
        {
            nint bstr = TrackedMarshal.StringToBSTR(Text);
            TrackedMarshal.FreeBSTR(bstr);
            TrackedMarshal.FreeBSTR(bstr);
        });

        Assert.Equal(AllocError.DoubleFree, info.Error);
    }

    [Fact]
    public void Leaks_and_double_frees_of_every_family_are_reported()
    {
        Assert.Equal(AllocError.Leak, Allocs.Record(() => TrackedMarshal.AllocHGlobal(8)).Error);
        Assert.Equal(AllocError.Leak, Allocs.Record(() => TrackedMarshal.StringToCoTaskMemUni(Text)).Error);
        Assert.Equal(AllocError.Leak, Allocs.Record(() => TrackedMarshal.StringToBSTR(Text)).Error);
        Assert.Equal(AllocError.DoubleFree, Allocs.Record(() =>
        {
            nint p = TrackedMarshal.AllocCoTaskMem(8);
            TrackedMarshal.FreeCoTaskMem(p);
            TrackedMarshal.FreeCoTaskMem(p);
        }).Error);
    }

    [Fact]
    public void A_BSTR_freed_as_HGlobal_is_MismatchedFree_and_contained()
    {
        nint bstr = 0;
        AllocInfo info = Allocs.Record(() =>
        {
            bstr = TrackedMarshal.StringToBSTR(Text);
            TrackedMarshal.FreeHGlobal(bstr);   // not one of our HGlobal blocks: recorded, not released
        });

        Assert.Equal(AllocError.MismatchedFree, info.Error);
        TrackedMarshal.FreeBSTR(bstr);
    }

    private static void AssertSameString(nint expected, nint actual, Func<nint, string?> read, Action<nint> freeExpected, Action<nint> freeActual)
    {
        Assert.Equal(read(expected), read(actual));
        freeExpected(expected);
        freeActual(actual);
    }

    [Fact]
    public void Secure_string_conversions_copy_exactly_and_balance_with_their_ZeroFree()
    {
        using var secret = new System.Security.SecureString();
        foreach (char c in Text)
        {
            secret.AppendChar(c);
        }
        AllocInfo info = Allocs.Record(() =>
        {
            nint globalUni = TrackedMarshal.SecureStringToGlobalAllocUnicode(secret);
            nint globalAnsi = TrackedMarshal.SecureStringToGlobalAllocAnsi(secret);
            nint taskUni = TrackedMarshal.SecureStringToCoTaskMemUnicode(secret);
            nint taskAnsi = TrackedMarshal.SecureStringToCoTaskMemAnsi(secret);
            nint bstr = TrackedMarshal.SecureStringToBSTR(secret);
            Assert.Equal(Text, Marshal.PtrToStringUni(globalUni));
            Assert.Equal(Text, Marshal.PtrToStringAnsi(globalAnsi));
            Assert.Equal(Text, Marshal.PtrToStringUni(taskUni));
            Assert.Equal(Text, Marshal.PtrToStringAnsi(taskAnsi));
            Assert.Equal(Text, Marshal.PtrToStringBSTR(bstr));
            TrackedMarshal.ZeroFreeGlobalAllocUnicode(globalUni);
            TrackedMarshal.ZeroFreeGlobalAllocAnsi(globalAnsi);
            TrackedMarshal.ZeroFreeCoTaskMemUnicode(taskUni);
            TrackedMarshal.ZeroFreeCoTaskMemAnsi(taskAnsi);
            TrackedMarshal.ZeroFreeBSTR(bstr);
        });

        Assert.Null(info.Error);
        Assert.Equal(5, info.AllocationCount);
        nint ansi = Marshal.StringToHGlobalAnsi(Text);   // the platform's ANSI length, as the BCL converts
        int ansiBytes = MemoryMarshal.CreateReadOnlySpanFromNullTerminated((byte*)ansi).Length + 1;
        Marshal.FreeHGlobal(ansi);
        Assert.Equal((2 * (Text.Length + 1) * sizeof(char)) + (2 * ansiBytes) + (Text.Length * sizeof(char)), info.BytesAllocated);
        Assert.Equal(info.BytesAllocated, info.BytesFreed);
    }

    [Fact]
    public void Secure_string_conversions_leak_when_not_freed_and_reject_null_as_the_BCL()
    {
        using var secret = new System.Security.SecureString();
        secret.AppendChar('x');
        Assert.Equal(AllocError.Leak, Allocs.Record(() => TrackedMarshal.SecureStringToGlobalAllocUnicode(secret)).Error);
        Assert.Equal(AllocError.Leak, Allocs.Record(() => TrackedMarshal.SecureStringToBSTR(secret)).Error);
        Assert.Throws<ArgumentNullException>(() => TrackedMarshal.SecureStringToCoTaskMemAnsi(null!));
        Assert.Throws<ArgumentNullException>(() => TrackedMarshal.SecureStringToBSTR(null!));
    }

    [Fact]
    public void Impossible_sizes_throw_OutOfMemory_as_the_BCL_does()
    {
        Assert.Throws<OutOfMemoryException>(() => Marshal.AllocHGlobal(nint.MaxValue));
        Assert.Throws<OutOfMemoryException>(() => TrackedMarshal.AllocHGlobal(nint.MaxValue));
        Assert.Throws<OutOfMemoryException>(() => TrackedMarshal.AllocHGlobal((nint)1 << 47));
        Assert.Throws<OutOfMemoryException>(() => Marshal.AllocHGlobal(-1));
        Assert.Throws<OutOfMemoryException>(() => TrackedMarshal.AllocHGlobal(-1));
        AllocInfo info = Allocs.Record(() =>
        {
            nint p = TrackedMarshal.AllocHGlobal(8);
            Assert.Throws<OutOfMemoryException>(() => TrackedMarshal.ReAllocHGlobal(p, (nint)1 << 47));
            TrackedMarshal.FreeHGlobal(p);   // a failed reallocation keeps the block
        });
        Assert.Null(info.Error);
    }

    [Fact]
    public void Zero_sizes_are_blocks_and_zero_pointers_are_no_ops()
    {
        AllocInfo info = Allocs.Record(() =>
        {
            nint h = TrackedMarshal.AllocHGlobal(0);
            nint c = TrackedMarshal.AllocCoTaskMem(0);
            nint r = TrackedMarshal.ReAllocCoTaskMem(0, 0);
            Assert.True(h != 0 && c != 0 && r != 0);
            TrackedMarshal.FreeHGlobal(h);
            TrackedMarshal.FreeCoTaskMem(c);
            TrackedMarshal.FreeCoTaskMem(r);
            TrackedMarshal.FreeHGlobal(0);
            TrackedMarshal.FreeCoTaskMem(0);
            TrackedMarshal.FreeBSTR(0);
            TrackedMarshal.ZeroFreeBSTR(0);
            TrackedMarshal.ZeroFreeGlobalAllocAnsi(0);
            TrackedMarshal.ZeroFreeCoTaskMemUTF8(0);
        });

        Assert.Null(info.Error);
        Assert.Equal(3, info.AllocationCount);
        Assert.Equal(3, info.FreeCount);
    }

    [Fact]
    public void HGlobal_and_CoTaskMem_realloc_chains_keep_the_contents_and_balance()
    {
        AllocInfo info = Allocs.Record(() =>
        {
            nint h = TrackedMarshal.AllocHGlobal(1);
            nint c = TrackedMarshal.AllocCoTaskMem(1);
            *(byte*)h = 42;
            *(byte*)c = 43;
            for (int size = 2; size < 1 << 20; size *= 5)
            {
                h = TrackedMarshal.ReAllocHGlobal(h, size);
                c = TrackedMarshal.ReAllocCoTaskMem(c, size);
            }
            Assert.Equal(42, *(byte*)h);
            Assert.Equal(43, *(byte*)c);
            TrackedMarshal.FreeHGlobal(h);
            TrackedMarshal.FreeCoTaskMem(c);
        });

        Assert.Null(info.Error);
        Assert.Equal(info.AllocationCount, info.FreeCount);
        Assert.Equal(info.BytesAllocated, info.BytesFreed);
    }
}
