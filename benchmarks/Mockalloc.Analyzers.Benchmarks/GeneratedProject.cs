using System.Text;

namespace Mockalloc.Analyzers.Benchmarks;

/// <summary>Writes a C# project of a given size whose methods mix the shapes the checker follows: loops, try/finally, early returns, helpers, proxies.</summary>
internal static class GeneratedProject
{
    public static (string Text, int Lines) Create(int targetLines, int seed = 42)
    {
        var random = new Random(seed);
        var code = new StringBuilder();
        code.AppendLine("using System;");
        code.AppendLine("using System.Buffers;");
        code.AppendLine("using System.Runtime.InteropServices;");
        code.AppendLine("namespace Generated;");
        code.AppendLine("public static unsafe class Helpers");
        code.AppendLine("{");
        code.AppendLine("    public static void Release(IntPtr p) => Marshal.FreeHGlobal(p);");
        code.AppendLine("    public static IntPtr Create(int size) => Marshal.AllocHGlobal(size);");
        code.AppendLine("}");
        int type = 0;
        while (Lines(code) < targetLines)
        {
            code.AppendLine($"public sealed unsafe class Worker{type} : IDisposable");
            code.AppendLine("{");
            code.AppendLine("    private IntPtr _block = Marshal.AllocHGlobal(64);");
            code.AppendLine("    public void Dispose() => Marshal.FreeHGlobal(_block);");
            for (int m = 0; m < 10; m++)
            {
                switch (random.Next(4))
                {
                    case 0:
                        code.AppendLine($$"""
                                public static int Loop{{m}}(int n, bool f)
                                {
                                    void* p = NativeMemory.Alloc((nuint)(n + 1));
                                    try
                                    {
                                        int sum = 0;
                                        for (int k = 0; k < n; k++)
                                        {
                                            ((byte*)p)[k] = (byte)k;
                                            sum += k;
                                        }

                                        if (f)
                                        {
                                            return sum;
                                        }

                                        return -sum;
                                    }
                                    finally
                                    {
                                        NativeMemory.Free(p);
                                    }
                                }
                            """);
                        break;
                    case 1:
                        code.AppendLine($$"""
                                public static int Rent{{m}}(int n)
                                {
                                    byte[] buffer = ArrayPool<byte>.Shared.Rent(n);
                                    if (n == 0)
                                    {
                                        ArrayPool<byte>.Shared.Return(buffer);
                                        return 0;
                                    }

                                    int length = buffer.Length;
                                    ArrayPool<byte>.Shared.Return(buffer);
                                    return length;
                                }
                            """);
                        break;
                    case 2:
                        code.AppendLine($$"""
                                public static void Helper{{m}}(bool a, bool b)
                                {
                                    IntPtr p = IntPtr.Zero;
                                    if (a)
                                    {
                                        p = Helpers.Create(8);
                                    }

                                    Console.WriteLine(b);
                                    if (a)
                                    {
                                        Helpers.Release(p);
                                    }
                                }
                            """);
                        break;
                    default:
                        code.AppendLine($$"""
                                public static int Plain{{m}}(int x, int y)
                                {
                                    int z = x * y;
                                    while (z > 100)
                                    {
                                        z -= x + 1;
                                    }

                                    return z switch { 0 => 1, 1 => 2, _ => z };
                                }
                            """);
                        break;
                }
            }

            code.AppendLine("}");
            type++;
        }

        return (code.ToString(), Lines(code));
    }

    private static int Lines(StringBuilder code)
    {
        int lines = 0;
        for (int i = 0; i < code.Length; i++)
        {
            if (code[i] == '\n')
            {
                lines++;
            }
        }

        return lines;
    }
}
