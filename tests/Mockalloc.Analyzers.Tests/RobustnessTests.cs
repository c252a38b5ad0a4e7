using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Mockalloc.Analyzers.Tests;

/// <summary>Code that does not compile (being typed in an editor) neither crashes the checker nor makes it guess a leak.</summary>
public sealed class RobustnessTests
{
    [Fact]
    public void Resource_handed_to_code_that_does_not_bind_is_not_reported()
    {
        const string source = """
            using System;
            using System.Runtime.InteropServices;
            static class C
            {
                static void M()
                {
                    IntPtr p = Marshal.AllocHGlobal(8);
                    UnknownHelper.Release(p);
                }
            }
            """;
        var compilation = CSharpCompilation.Create(
            "Broken",
            [CSharpSyntaxTree.ParseText(source)],
            AnalyzerHarness.Compile(("Ok.cs", "class Ok { }")).References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Contains(compilation.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);

        Assert.Empty(AnalyzerHarness.Run(compilation));
    }

    [Fact]
    public void Same_leak_is_reported_once_per_acquisition_whatever_the_number_of_paths()
    {
        var diagnostics = AnalyzerHarness.RunOn("""
            using System;
            using System.Runtime.InteropServices;
            static class C
            {
                static void M(bool a, bool b, bool c)
                {
                    IntPtr p = Marshal.AllocHGlobal(8);
                    if (a) return;
                    if (b) return;
                    if (c) return;
                }
            }
            """);
        Assert.Single(diagnostics);
    }

    [Fact]
    public void Many_independent_conditions_do_not_exhaust_the_path_budget()
    {
        // 40 unrelated tests would be 2^40 states if each were remembered; only repeated ones are.
        string checks = string.Concat(Enumerable.Range(0, 40).Select(i => $"        if (a{i} > {i}) total += {i};\n"));
        string parameters = string.Join(", ", Enumerable.Range(0, 40).Select(i => $"int a{i}"));
        var diagnostics = AnalyzerHarness.RunOn($$"""
            using System;
            using System.Runtime.InteropServices;
            static class C
            {
                static int M({{parameters}})
                {
                    int total = 0;
                    IntPtr p = Marshal.AllocHGlobal(8);
            {{checks}}
                    return total;
                }
            }
            """);
        Assert.Equal("MA1001", Assert.Single(diagnostics).Id);
    }

    [Fact]
    public void Local_function_inside_a_try_stays_within_its_own_graph()
    {
        // Roslyn nests a local function's regions in the regions of its declaration: walking up from a
        // block of the local function reaches the enclosing method's try, whose handlers are blocks of
        // another graph. Found on CommunityToolkit.HighPerformance (ReadOnlySequenceStream.CopyToAsync).
        var diagnostics = AnalyzerHarness.RunOn("""
            using System;
            using System.IO;
            using System.Runtime.InteropServices;
            static class C
            {
                static int M(int a, int b, Stream s)
                {
                    try
                    {
                        if (a > 0) { a++; }
                        if (b > 0) { b++; }
                        if (a > b) { return a; }
                        if (b > a) { return b; }

                        int Local()
                        {
                            IntPtr p = Marshal.AllocHGlobal(4);
                            s.Flush();
                            return Marshal.ReadByte(p);
                        }

                        return Local();
                    }
                    catch (IOException)
                    {
                        return -1;
                    }
                    catch (Exception)
                    {
                        return -2;
                    }
                }
            }
            """);
        Diagnostic leak = Assert.Single(diagnostics);
        Assert.Equal(17, leak.Location.GetLineSpan().StartLinePosition.Line + 1);
    }
}
