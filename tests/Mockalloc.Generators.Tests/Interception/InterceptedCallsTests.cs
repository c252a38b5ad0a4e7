namespace Mockalloc.Generators.Tests.Interception;

/// <summary>
/// Consumer code that calls the BCL directly, compiled with the generator, loaded and run inside a region: each
/// shape of call is seen by the region (without the generator every one of these regions reports NoData).
/// </summary>
public sealed class InterceptedCallsTests
{
    private static AllocInfo Run(string body, string usings = "")
    {
        string source = $$"""
            using System;
            using System.Buffers;
            using System.Runtime.InteropServices;
            {{usings}}

            public static unsafe class Case
            {
                public static void Run()
                {
                    {{body}}
                }
            }
            """;
        Action run = GeneratorHarness.Method(source, "Case", "Run");
        return Allocs.Record(run);
    }

    [Fact]
    public void A_native_leak_is_a_leak()
    {
        AllocInfo info = Run("NativeMemory.Alloc(10);");
        Assert.Equal(AllocError.Leak, info.Error);
        Assert.Equal(1, info.AllocationCount);
        Assert.Equal(10, info.BytesLeaked);
    }

    [Fact]
    public void A_native_pair_passes()
    {
        AllocInfo info = Run("void* p = NativeMemory.AllocZeroed(4, 8); p = NativeMemory.Realloc(p, 64); NativeMemory.Free(p);");
        Assert.Null(info.Error);
        Assert.Equal(2, info.AllocationCount);
        Assert.Equal(2, info.FreeCount);
    }

    [Fact]
    public void An_aligned_block_freed_with_Free_is_a_mismatched_free()
    {
        AllocInfo info = Run("NativeMemory.Free(NativeMemory.AlignedAlloc(64, 64));");
        Assert.Equal(AllocError.MismatchedFree, info.Error);
    }

    [Fact]
    public void A_double_free_is_a_double_free_and_the_host_lives()
    {
        AllocInfo info = Run("nint p = Marshal.AllocHGlobal(16); Marshal.FreeHGlobal(p); Marshal.FreeHGlobal(p);");
        Assert.Equal(AllocError.DoubleFree, info.Error);
    }

    [Fact]
    public void Using_static_calls_are_intercepted()
    {
        AllocInfo info = Run("FreeCoTaskMem(AllocCoTaskMem(8)); StringToHGlobalUni(\"x\");", "using static System.Runtime.InteropServices.Marshal;");
        Assert.Equal(AllocError.Leak, info.Error);
        Assert.Equal(2, info.AllocationCount);
        Assert.Equal(1, info.FreeCount);
    }

    [Fact]
    public void Bstr_and_string_conversions_are_intercepted()
    {
        AllocInfo info = Run("Marshal.FreeBSTR(Marshal.StringToBSTR(\"abc\")); Marshal.ZeroFreeCoTaskMemUTF8(Marshal.StringToCoTaskMemUTF8(\"abc\"));");
        Assert.Null(info.Error);
        Assert.Equal(2, info.AllocationCount);
        Assert.Equal(2, info.FreeCount);
    }

    [Fact]
    public void GCHandle_alloc_and_free_are_intercepted()
    {
        AllocInfo leak = Run("GCHandle.Alloc(new object(), GCHandleType.Pinned == default ? GCHandleType.Normal : GCHandleType.Weak);");
        Assert.Equal(AllocError.Leak, leak.Error);

        AllocInfo pair = Run("var h = GCHandle.Alloc(new object()); h.Free();");
        Assert.Null(pair.Error);
        Assert.Equal(1, pair.FreeCount);
    }

    [Fact]
    public void Free_on_a_handle_that_is_not_a_variable_is_intercepted()
    {
        AllocInfo info = Run("GCHandle.Alloc(new object()).Free();");
        Assert.Null(info.Error);
        Assert.Equal(1, info.FreeCount);
    }

    [Fact]
    public void Free_on_a_readonly_field_compiles_and_is_tracked()
    {
        string source = """
            using System.Runtime.InteropServices;

            public sealed class Holder
            {
                private readonly GCHandle _handle = GCHandle.Alloc(new object());
                public void Release() => _handle.Free();
            }

            public static class Case
            {
                public static void Run() => new Holder().Release();
            }
            """;
        AllocInfo info = Allocs.Record(GeneratorHarness.Method(source, "Case", "Run"));
        Assert.Null(info.Error);
        Assert.Equal(1, info.AllocationCount);
        Assert.Equal(1, info.FreeCount);
    }

    [Fact]
    public void A_double_ArrayPool_return_is_a_double_free()
    {
        AllocInfo info = Run("byte[] a = ArrayPool<byte>.Shared.Rent(16); ArrayPool<byte>.Shared.Return(a); ArrayPool<byte>.Shared.Return(a);");
        Assert.Equal(AllocError.DoubleFree, info.Error);
    }

    [Fact]
    public void A_buffer_returned_to_another_pool_is_a_mismatched_free()
    {
        AllocInfo info = Run("var other = ArrayPool<int>.Create(); int[] a = ArrayPool<int>.Shared.Rent(16); other.Return(a, clearArray: true);");
        Assert.Equal(AllocError.MismatchedFree, info.Error);
    }

    [Fact]
    public void Calls_on_a_derived_pool_are_intercepted()
    {
        string source = """
            using System.Buffers;

            public sealed class CountingPool : ArrayPool<char>
            {
                private readonly ArrayPool<char> _inner = ArrayPool<char>.Create();
                public override char[] Rent(int minimumLength) => _inner.Rent(minimumLength);
                public override void Return(char[] array, bool clearArray = false) => _inner.Return(array, clearArray);
            }

            public static class Case
            {
                public static void Run()
                {
                    var pool = new CountingPool();
                    char[] kept = pool.Rent(4);
                    pool.Return(pool.Rent(8));
                }
            }
            """;
        AllocInfo info = Allocs.Record(GeneratorHarness.Method(source, "Case", "Run"));
        Assert.Equal(AllocError.Leak, info.Error);
        // The pool's own calls of its inner pool are tracked too: two outer rents, two inner ones.
        Assert.Equal(4, info.AllocationCount);
    }

    [Fact]
    public void MemoryPool_rent_and_owner_dispose_are_intercepted()
    {
        AllocInfo leak = Run("MemoryPool<byte>.Shared.Rent(32);");
        Assert.Equal(AllocError.Leak, leak.Error);

        AllocInfo twice = Run("IMemoryOwner<byte> o = MemoryPool<byte>.Shared.Rent(32); o.Dispose(); o.Dispose();");
        Assert.Equal(AllocError.DoubleFree, twice.Error);
    }

    [Fact]
    public void Calls_in_lambdas_local_functions_and_generic_methods_are_intercepted()
    {
        string source = """
            using System;
            using System.Buffers;
            using System.Runtime.InteropServices;

            public static class Case
            {
                public static void Run()
                {
                    Func<nint> lambda = () => Marshal.AllocHGlobal(1);
                    lambda();
                    Local();
                    Generic<string>();
                    _ = Property;

                    static void Local() => Marshal.AllocCoTaskMem(2);
                }

                private static void Generic<T>() => ArrayPool<T>.Shared.Rent(3);

                private static nint Property => Marshal.StringToHGlobalAnsi("four");
            }
            """;
        AllocInfo info = Allocs.Record(GeneratorHarness.Method(source, "Case", "Run"));
        Assert.Equal(AllocError.Leak, info.Error);
        Assert.Equal(4, info.AllocationCount);
    }

    [Fact]
    public void A_null_conditional_call_is_intercepted()
    {
        AllocInfo info = Run("ArrayPool<byte>? pool = ArrayPool<byte>.Shared; byte[] a = pool.Rent(1); pool?.Return(a); pool?.Return(a);");
        Assert.Equal(AllocError.DoubleFree, info.Error);
    }

    [Fact]
    public void Tracing_names_the_line_of_the_call()
    {
        string source = """
            using System.Runtime.InteropServices;

            public static unsafe class Case
            {
                public static void Run()
                {
                    void* kept = NativeMemory.Alloc(10);
                    NativeMemory.Free(NativeMemory.Alloc(20));
                }
            }
            """;
        AllocInfo info = Allocs.Record(GeneratorHarness.Method(source, "Case", "Run"), new AllocOptions { Tracing = true });
        LeakTrace leak = Assert.Single(info.Trace!.Leaks);
        Assert.Equal("/src/Case.cs", leak.AllocationSite.File);
        Assert.Equal(7, leak.AllocationSite.Line);
        Assert.Equal("Run", leak.AllocationSite.Member);
        Assert.Contains("Case.cs:7", new AllocException(info).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tracing_names_each_member_as_CallerMemberName_does()
    {
        string source = """
            using System;
            using System.Collections.Generic;
            using System.Runtime.CompilerServices;
            using System.Runtime.InteropServices;

            public sealed class Members : IDisposable
            {
                public static readonly List<string> Expected = new();
                private static readonly nint s_static = Marshal.AllocHGlobal(Name());
                private readonly nint _field = Marshal.AllocHGlobal(Name());

                static Members() => Marshal.AllocHGlobal(Name());
                public Members() { Marshal.AllocHGlobal(Name()); }
                public nint Property => Marshal.AllocHGlobal(Name());
                public nint this[int i] => Marshal.AllocHGlobal(Name());
                public static Members operator +(Members a, Members b) { Marshal.AllocHGlobal(Name()); return a; }
                void IDisposable.Dispose() => Marshal.AllocHGlobal(Name());
                public event EventHandler? Changed { add => Marshal.AllocHGlobal(Name()); remove { } }

                public void Method()
                {
                    Action lambda = () => Marshal.AllocHGlobal(Name());
                    lambda();
                    Local();
                    void Local() => Marshal.AllocHGlobal(Name());
                }

                private static int Name([CallerMemberName] string member = "")
                {
                    Expected.Add(member);
                    return 1;
                }
            }

            public static class Case
            {
                public static List<string> Run()
                {
                    var m = new Members();
                    _ = m.Property;
                    _ = m[0];
                    _ = m + m;
                    ((IDisposable)m).Dispose();
                    m.Changed += (_, _) => { };
                    m.Method();
                    return Members.Expected;
                }
            }
            """;
        (Microsoft.CodeAnalysis.Compilation output, _) = GeneratorHarness.Generate(GeneratorHarness.Compile(source));
        System.Reflection.MethodInfo run = GeneratorHarness.Load(output).GetType("Case", throwOnError: true)!.GetMethod("Run")!;
        List<string> expected = [];
        AllocInfo info = Allocs.Record(() => expected = (List<string>)run.Invoke(null, null)!, new AllocOptions { Tracing = true });

        Assert.Equal(11, expected.Count);
        Assert.Equal(expected.Order(StringComparer.Ordinal), info.Trace!.Leaks.Select(l => l.AllocationSite.Member!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Top_level_statements_are_intercepted()
    {
        string source = """
            using System.Runtime.InteropServices;

            nint kept = Marshal.AllocCoTaskMem(12);
            Marshal.FreeCoTaskMem(Marshal.AllocCoTaskMem(4));
            """;
        (Microsoft.CodeAnalysis.Compilation output, _) = GeneratorHarness.Generate(
            GeneratorHarness.Compile(source, kind: Microsoft.CodeAnalysis.OutputKind.ConsoleApplication));
        System.Reflection.MethodInfo main = GeneratorHarness.Load(output).EntryPoint!;

        AllocInfo info = Allocs.Record(() => main.Invoke(null, [Array.Empty<string>()]), new AllocOptions { Tracing = true });

        Assert.Equal(AllocError.Leak, info.Error);
        Assert.Equal(2, info.AllocationCount);
        LeakTrace leak = Assert.Single(info.Trace!.Leaks);
        Assert.Equal(3, leak.AllocationSite.Line);
        Assert.Equal("<Main>$", leak.AllocationSite.Member);
    }
}
