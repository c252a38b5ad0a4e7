using Microsoft.CodeAnalysis;

namespace Mockalloc.Analyzers.Tests;

/// <summary>The messages name the API, the variable and the leaking path; the help links point at the rule pages.</summary>
public sealed class MessageTests
{
    private const string Header = "using System; using System.Runtime.InteropServices;\n";

    private static string MessageOf(string source, string id = "MA1001")
    {
        Diagnostic[] found = [.. AnalyzerHarness.RunOn(Header + source).Where(d => d.Id == id)];
        Assert.Single(found);
        return found[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Early_return_names_the_condition_and_the_return_line()
    {
        string message = MessageOf("""
            static unsafe class C {
                static int M(int count) {
                    void* p = NativeMemory.Alloc(16);
                    if (count == 0)
                        return -1;
                    NativeMemory.Free(p);
                    return count;
                }
            }
            """);
        Assert.Equal("`NativeMemory.Alloc` result `p` is not released when `count == 0` is true and the method returns at line 6", message);
    }

    [Fact]
    public void Overwrite_in_a_loop_names_the_variable_and_line()
    {
        string message = MessageOf("""
            static class C {
                static void M(int n) {
                    IntPtr p = IntPtr.Zero;
                    for (int i = 0; i < n; i++)
                        p = Marshal.AllocHGlobal(8);
                    Marshal.FreeHGlobal(p);
                }
            }
            """);
        Assert.Equal("`Marshal.AllocHGlobal` result `p` is not released when `i < n` is true and `p` is overwritten at line 6", message);
    }

    [Fact]
    public void Explicit_throw_is_a_leaking_path()
    {
        string message = MessageOf("""
            static class C {
                static void M(int n) {
                    IntPtr p = Marshal.AllocHGlobal(n);
                    if (n > 100) throw new ArgumentException();
                    Marshal.FreeHGlobal(p);
                }
            }
            """);
        Assert.Equal("`Marshal.AllocHGlobal` result `p` is not released when `n > 100` is true and the method throws at line 5", message);
    }

    [Fact]
    public void Fall_off_the_end_names_the_closing_brace()
    {
        string message = MessageOf("""
            static class C {
                static void M(object o) {
                    var h = GCHandle.Alloc(o);
                    Console.WriteLine(h.Target);
                }
            }
            """);
        Assert.Equal("`GCHandle.Alloc` result `h` is not released when the method returns at line 6", message);
    }

    [Fact]
    public void Fresh_resource_from_a_helper_names_the_helper_and_the_api()
    {
        string message = MessageOf("""
            static class C {
                static IntPtr Create() => Marshal.AllocHGlobal(4);
                static void M() { var p = Create(); Console.WriteLine(p); }
            }
            """);
        Assert.StartsWith("`C.Create (Marshal.AllocHGlobal)` result `p` is not released", message);
    }

    [Fact]
    public void Leak_carries_the_leaking_location_as_additional_location()
    {
        Diagnostic leak = Assert.Single(AnalyzerHarness.RunOn(Header + """
            static class C {
                static void M(bool b) {
                    IntPtr p = Marshal.AllocHGlobal(4);
                    if (b) return;
                    Marshal.FreeHGlobal(p);
                }
            }
            """));
        Location where = Assert.Single(leak.AdditionalLocations);
        Assert.Equal(4, where.GetLineSpan().StartLinePosition.Line);
        Assert.Equal("Marshal.AllocHGlobal", leak.Properties["api"]);
    }

    [Fact]
    public void Proxy_message_names_type_api_field_and_problem()
    {
        string message = MessageOf("""
            sealed class Holder : IDisposable {
                private IntPtr _p = Marshal.AllocHGlobal(8);
                public void Dispose() { }
            }
            """, "MA1002");
        Assert.Equal("`Holder` keeps the `Marshal.AllocHGlobal` result in `_p` but `Dispose` does not release it", message);
    }

    [Theory]
    [InlineData("MA1001")]
    [InlineData("MA1002")]
    public void Every_rule_links_to_its_page_which_exists(string id)
    {
        DiagnosticDescriptor descriptor = new LeakAnalyzer().SupportedDiagnostics.Single(d => d.Id == id);
        Assert.EndsWith("docs/rules/" + id + ".md", descriptor.HelpLinkUri, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(RepositoryRoot.Path, "docs", "rules", id + ".md")), "missing rule page for " + id);
    }

    [Fact]
    public void Markers_are_parsed_from_line_ends_only()
    {
        List<string> expected = AnalyzerHarness.Expected("a // MA1001\n// MA1002 at start is a comment\nb // MA1001 MA1002\n");
        Assert.Equal(["MA1001@1", "MA1001@3", "MA1002@3"], expected);
    }
}
