using Microsoft.CodeAnalysis;
using Mockalloc.Generators.Diagnostics;
using Mockalloc.Generators.Usage;
using Verify = Mockalloc.Generators.Tests.Usage.UsageVerifier<Mockalloc.Generators.Usage.AsyncBodyAnalyzer, Mockalloc.Generators.CodeFixes.AsyncBodyCodeFix>;

namespace Mockalloc.Generators.Tests.Usage;

/// <summary>MA0001: async bodies passed to <c>Allocs.Record</c>/<c>Allocs.Assert</c>, and the fix to the async overloads.</summary>
public sealed class AsyncBodyAnalyzerTests
{
    private const string Usings = """
        using System;
        using System.Threading.Tasks;
        using Mockalloc;

        """;

    [Fact]
    public async Task Async_lambda_to_Record_is_reported_and_fixed_in_an_async_method()
    {
        await Verify.VerifyFixAsync(Usings + """
            class C
            {
                async Task M()
                {
                    AllocInfo info = Allocs.{|MA0001:Record|}(async () => await Task.Yield());
                    await Task.Yield();
                }
            }
            """, Usings + """
            class C
            {
                async Task M()
                {
                    AllocInfo info = await Allocs.RecordAsync(async () => await Task.Yield());
                    await Task.Yield();
                }
            }
            """, title: "Use Allocs.RecordAsync and await it");
    }

    [Fact]
    public async Task Async_lambda_to_Assert_as_a_statement_is_fixed_with_await()
    {
        await Verify.VerifyFixAsync(Usings + """
            class C
            {
                async Task M()
                {
                    // keep me
                    Allocs.{|MA0001:Assert|}(async () =>
                    {
                        await Task.Delay(1);
                    });
                }
            }
            """, Usings + """
            class C
            {
                async Task M()
                {
                    // keep me
                    await Allocs.AssertAsync(async () =>
                    {
                        await Task.Delay(1);
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task Options_and_named_arguments_are_kept()
    {
        await Verify.VerifyFixAsync(Usings + """
            class C
            {
                async Task M()
                {
                    Allocs.{|MA0001:Assert|}(options: new AllocOptions { AllowNoData = true }, body: async delegate { await Task.Yield(); });
                }
            }
            """, Usings + """
            class C
            {
                async Task M()
                {
                    await Allocs.AssertAsync(options: new AllocOptions { AllowNoData = true }, body: async delegate { await Task.Yield(); });
                }
            }
            """);
    }

    [Fact]
    public async Task A_member_access_on_the_result_gets_parentheses()
    {
        await Verify.VerifyFixAsync(Usings + """
            class C
            {
                async Task<long> M() => Allocs.{|MA0001:Record|}(async () => await Task.Yield()).AllocationCount;
            }
            """, Usings + """
            class C
            {
                async Task<long> M() => (await Allocs.RecordAsync(async () => await Task.Yield())).AllocationCount;
            }
            """);
    }

    [Fact]
    public async Task Inside_an_async_lambda_the_lambda_is_the_enclosing_function()
    {
        await Verify.VerifyFixAsync(Usings + """
            class C
            {
                Func<Task> M() => async () => Allocs.{|MA0001:Assert|}(async () => await Task.Yield());
            }
            """, Usings + """
            class C
            {
                Func<Task> M() => async () => await Allocs.AssertAsync(async () => await Task.Yield());
            }
            """);
    }

    [Fact]
    public async Task An_unreferenced_void_method_becomes_async_Task()
    {
        await Verify.VerifyFixAsync(Usings + """
            public class Tests
            {
                public void Test()
                {
                    Allocs.{|MA0001:Assert|}(async () => await Task.Yield());
                }
            }
            """, Usings + """
            public class Tests
            {
                public async Task Test()
                {
                    await Allocs.AssertAsync(async () => await Task.Yield());
                }
            }
            """, title: "Use Allocs.AssertAsync, await it and make `Test` async Task");
    }

    [Fact]
    public async Task A_void_method_without_modifiers_and_with_an_attribute_becomes_async_Task()
    {
        await Verify.VerifyFixAsync(Usings + """
            class Tests
            {
                [Obsolete]
                void Test() => Allocs.{|MA0001:Assert|}(async () => await Task.Yield());
            }
            """, Usings + """
            class Tests
            {
                [Obsolete]
                async Task Test() => await Allocs.AssertAsync(async () => await Task.Yield());
            }
            """);
    }

    [Fact]
    public async Task A_void_local_function_that_is_never_called_becomes_async_Task()
    {
        await Verify.VerifyFixAsync(Usings + """
            class C
            {
                void M()
                {
                    void Local()
                    {
                        Allocs.{|MA0001:Assert|}(async () => await Task.Yield());
                    }
                }
            }
            """, Usings + """
            class C
            {
                void M()
                {
                    async Task Local()
                    {
                        await Allocs.AssertAsync(async () => await Task.Yield());
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task A_top_level_statement_is_awaited()
    {
        await Verify.VerifyFixAsync(Usings + """
            Allocs.{|MA0001:Assert|}(async () => await Task.Yield());
            """, Usings + """
            await Allocs.AssertAsync(async () => await Task.Yield());
            """, OutputKind.ConsoleApplication);
    }

    [Fact]
    public async Task A_using_static_call_is_renamed_in_place()
    {
        await Verify.VerifyFixAsync("""
            using System.Threading.Tasks;
            using static Mockalloc.Allocs;

            class C
            {
                async Task M()
                {
                    var info = {|MA0001:Record|}(async () => await Task.Yield());
                }
            }
            """, """
            using System.Threading.Tasks;
            using static Mockalloc.Allocs;

            class C
            {
                async Task M()
                {
                    var info = await RecordAsync(async () => await Task.Yield());
                }
            }
            """);
    }

    [Fact]
    public async Task An_unsafe_context_gets_no_fix()
    {
        // An await is an error anywhere in an unsafe context, in the body too: these bodies have none.
        await Verify.VerifyAnalyzerAsync(Usings + """
            unsafe class C
            {
                void M()
                {
                    Allocs.{|MA0001:Assert|}(async () => { });
                }
            }

            class D
            {
                async Task M()
                {
                    await Task.Yield();
                    unsafe
                    {
                        Allocs.{|MA0001:Assert|}(async () => { });
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task A_called_void_method_is_reported_without_a_fix()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void M()
                {
                    Allocs.{|MA0001:Assert|}(async () => await Task.Yield());
                }

                void Caller() => M();
            }
            """);
    }

    [Fact]
    public async Task A_method_group_use_of_the_void_method_prevents_the_fix()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void M()
                {
                    Allocs.{|MA0001:Record|}(async () => await Task.Yield());
                }

                Action Handler => M;
            }
            """);
    }

    [Fact]
    public async Task An_override_or_interface_method_is_reported_without_a_fix()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            abstract class B { public abstract void Run(); }
            class C : B, IDisposable
            {
                public override void Run() => Allocs.{|MA0001:Assert|}(async () => await Task.Yield());
                public void Dispose() => Allocs.{|MA0001:Assert|}(async () => await Task.Yield());
            }
            """);
    }

    [Fact]
    public async Task A_non_async_lambda_a_lock_or_a_value_returning_method_gets_no_fix()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            class C
            {
                readonly object _gate = new();

                Action Lambda() => () => Allocs.{|MA0001:Assert|}(async () => await Task.Yield());

                async Task Locked()
                {
                    await Task.Yield();
                    lock (_gate)
                    {
                        Allocs.{|MA0001:Assert|}(async () => await Task.Yield());
                    }
                }

                int Count()
                {
                    Allocs.{|MA0001:Assert|}(async () => await Task.Yield());
                    return 0;
                }
            }
            """);
    }

    [Fact]
    public async Task A_ref_struct_local_prevents_making_the_method_async()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void M()
                {
                    Span<byte> buffer = stackalloc byte[4];
                    Allocs.{|MA0001:Assert|}(async () => await Task.Yield());
                    buffer[0] = 1;
                }
            }
            """);
    }

    [Fact]
    public async Task An_async_void_method_group_is_reported_without_a_fix()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            class C
            {
                async Task M()
                {
                    Allocs.{|MA0001:Assert|}(Body);
                    Allocs.{|MA0001:Record|}(new Action(async () => await Task.Yield()));
                    await Task.Yield();
                }

                static async void Body() => await Task.Yield();
            }
            """);
    }

    [Fact]
    public async Task Synchronous_bodies_and_the_async_overloads_are_not_reported()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            class C
            {
                static void Sync() { }

                async Task M()
                {
                    Allocs.Assert(() => { });
                    Allocs.Assert(Sync);
                    AllocInfo info = Allocs.Record(delegate { });
                    await Allocs.AssertAsync(async () => await Task.Yield());
                    await Allocs.RecordAsync(async () => await Task.Yield());
                    Action action = async () => await Task.Yield();
                    Allocs.Assert(action);
                }
            }
            """);
    }

    [Fact]
    public async Task Another_type_named_Allocs_is_not_reported()
    {
        await Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            static class Allocs
            {
                public static void Assert(Action body) { }
            }

            class C
            {
                void M() => Allocs.Assert(async () => await Task.Yield());
            }
            """);
    }

    [Fact]
    public async Task The_message_names_both_methods()
    {
        var diagnostics = await Verify.DiagnosticsWithDefaultsAsync(Usings + """
            class C
            {
                void M() => Allocs.Record(async () => await Task.Yield());
            }
            """);
        Diagnostic diagnostic = Assert.Single(diagnostics);
        Assert.Equal(Descriptors.AsyncBodyId, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal(
            "`Allocs.Record` throws ArgumentException for an async body, which would run as async void and end the region at its first await; call `Allocs.RecordAsync` and await it",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("https://github.com/mockalloc/mockalloc/blob/main/docs/rules/MA0001.md", diagnostic.Descriptor.HelpLinkUri);
    }
}
