// MA1001 corpus: Marshal HGlobal, CoTaskMem and BSTR families.
using System;
using System.Runtime.InteropServices;

namespace Corpus.MarshalCases;

public static class Leaks
{
    public static void HGlobal()
    {
        IntPtr p = Marshal.AllocHGlobal(32); // MA1001
        Marshal.WriteByte(p, 1);
    }

    public static void ReAllocHGlobalLost()
    {
        IntPtr p = Marshal.AllocHGlobal(32);
        IntPtr q = Marshal.ReAllocHGlobal(p, 64); // MA1001
        Marshal.WriteByte(q, 1);
    }

    public static void StringToHGlobal(string s)
    {
        IntPtr ansi = Marshal.StringToHGlobalAnsi(s); // MA1001
        IntPtr uni = Marshal.StringToHGlobalUni(s);
        Marshal.FreeHGlobal(uni);
        Console.WriteLine(ansi);
    }

    public static void CoTaskMem()
    {
        IntPtr p = Marshal.AllocCoTaskMem(8); // MA1001
        Marshal.WriteInt32(p, 1);
    }

    public static void StringToCoTaskMem(string s)
    {
        IntPtr p = Marshal.StringToCoTaskMemUTF8(s); // MA1001
        Console.WriteLine(Marshal.PtrToStringUTF8(p));
    }

    public static void Bstr(string s)
    {
        IntPtr b = Marshal.StringToBSTR(s); // MA1001
        Console.WriteLine(b);
    }
}

public static class Clean
{
    public static void HGlobal()
    {
        IntPtr p = Marshal.AllocHGlobal(32);
        p = Marshal.ReAllocHGlobal(p, 64);
        Marshal.FreeHGlobal(p);
    }

    public static void ZeroFreeGlobal(string s)
    {
        IntPtr p = Marshal.StringToHGlobalUni(s);
        Marshal.ZeroFreeGlobalAllocUnicode(p);
    }

    public static void CoTaskMem(string s)
    {
        IntPtr p = Marshal.AllocCoTaskMem(8);
        p = Marshal.ReAllocCoTaskMem(p, 16);
        Marshal.FreeCoTaskMem(p);
        IntPtr t = Marshal.StringToCoTaskMemUni(s);
        Marshal.ZeroFreeCoTaskMemUnicode(t);
    }

    public static void Bstr(string s)
    {
        IntPtr b = Marshal.StringToBSTR(s);
        IntPtr c = Marshal.StringToBSTR(s);
        Marshal.FreeBSTR(b);
        Marshal.ZeroFreeBSTR(c);
    }
}
