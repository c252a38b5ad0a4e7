using System.Text.Json;

namespace Mockalloc.Cli.Tests;

/// <summary><c>mockalloc leak</c> on real on-disk projects: exit codes, the report, and the three formats.</summary>
public sealed class LeakCommandTests
{
    [Fact]
    public void Leaky_project_prints_the_report_and_exits_1()
    {
        (int exit, string output, string error) = CliRunner.Run("leak", CliRunner.Fixture("Leaky"), "--types");

        Assert.True(exit == 1, output + error);
        Assert.Contains("warning[MA1001]: `NativeMemory.Alloc` result `copy` is not released when `count == 0` is true and the method returns at line 13", output);
        Assert.Contains("10 |         byte* copy = (byte*)NativeMemory.Alloc((nuint)count);", output);
        Assert.Contains("   |                             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ memory leak candidate: acquired here", output);
        Assert.Contains("13 |             return 0;", output);
        Assert.Contains("   |             --------- leaked on this path", output);
        Assert.Contains("warning[MA1002]: `Wrapper` keeps the `Marshal.AllocHGlobal` result in `_block` but has no Dispose method or finalizer that releases it", output);
        Assert.Contains("mockalloc leak: 2 leaks found in Leaky.csproj (1 orphan object, 1 proxy type)", output);
        Assert.Contains("_block <- Marshal.AllocHGlobal  released by: nothing", output);
        Assert.DoesNotContain("Checked", output);
    }

    [Fact]
    public void Buggy_sample_reports_Reset_dropping_data_and_exits_1()
    {
        // The README's first static-checker command, on the real sample: MA1002 on the field, at the line of its declaration.
        string folder = Path.Combine(CliRunner.RepositoryRoot, "samples", "BuggyBuffers");
        string[] source = File.ReadAllLines(Path.Combine(folder, "NativeBuffer.cs"));
        int field = Array.FindIndex(source, l => l.Contains("private byte* _data;", StringComparison.Ordinal)) + 1;
        int reset = Array.FindIndex(source, l => l.Contains("public void Reset()", StringComparison.Ordinal));
        int cleared = Array.FindIndex(source, reset, l => l.Contains("_data = null;", StringComparison.Ordinal)) + 1;
        Assert.True(field > 0 && reset >= 0 && cleared > 0, "the sample no longer has the field or its Reset");

        (int exit, string output, string error) = CliRunner.Run("leak", folder);

        Assert.True(exit == 1, output + error);
        Assert.Contains($"warning[MA1002]: `NativeBuffer` keeps the `INativeAllocator.Allocate` or `INativeAllocator.Reallocate` result in `_data` but `Reset` drops it without releasing it when `_data` is cleared at line {cleared}", output);
        Assert.Contains($"--> NativeBuffer.cs:{field}:", output);
        Assert.Contains("mockalloc leak: 1 leak found in BuggyBuffers.csproj (0 orphan objects, 1 proxy type)", output);
    }

    [Fact]
    public void Clean_project_exits_0()
    {
        (int exit, string output, string error) = CliRunner.Run("leak", Path.Combine(CliRunner.Fixture("Clean"), "Clean.csproj"));

        Assert.True(exit == 0, output + error);
        Assert.Contains("mockalloc leak: no leaks found in Clean.csproj (1 project)", output);
    }

    [Fact]
    public void Json_format_lists_each_finding_with_its_path()
    {
        (int exit, string output, _) = CliRunner.Run("leak", CliRunner.Fixture("Leaky"), "--format", "json", "--types");

        Assert.Equal(1, exit);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        Assert.Equal(2, root.GetProperty("leakCount").GetInt32());
        JsonElement[] findings = [.. root.GetProperty("findings").EnumerateArray()];
        Assert.Equal(["MA1001", "MA1002"], findings.Select(f => f.GetProperty("id").GetString()));
        Assert.Equal("Buffers.cs", findings[0].GetProperty("file").GetString());
        Assert.Equal(10, findings[0].GetProperty("line").GetInt32());
        Assert.Equal(13, findings[0].GetProperty("leakLine").GetInt32());
        Assert.Equal("NativeMemory.Alloc", findings[0].GetProperty("api").GetString());
        Assert.Equal("copy", findings[0].GetProperty("variable").GetString());
        JsonElement type = Assert.Single(root.GetProperty("types").EnumerateArray());
        Assert.Equal("Leaky.Wrapper", type.GetProperty("type").GetString());
    }

    [Fact]
    public void Sarif_format_is_sarif_2_1_0_with_rules_results_and_code_flows()
    {
        (int exit, string output, _) = CliRunner.Run("leak", CliRunner.Fixture("Leaky"), "--format", "sarif");

        Assert.Equal(1, exit);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        Assert.Contains("sarif-2.1.0", root.GetProperty("$schema").GetString());
        JsonElement run = Assert.Single(root.GetProperty("runs").EnumerateArray());
        Assert.Equal("utf16CodeUnits", run.GetProperty("columnKind").GetString());
        JsonElement driver = run.GetProperty("tool").GetProperty("driver");
        Assert.Equal("mockalloc", driver.GetProperty("name").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+([-+][0-9A-Za-z.+-]+)?$", driver.GetProperty("semanticVersion").GetString());
        Assert.Equal(["MA1001", "MA1002"], driver.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        Assert.All(driver.GetProperty("rules").EnumerateArray(), r => Assert.EndsWith(".md", r.GetProperty("helpUri").GetString()));
        JsonElement[] results = [.. run.GetProperty("results").EnumerateArray()];
        Assert.Equal(2, results.Length);
        JsonElement orphan = results[0];
        Assert.Equal("MA1001", orphan.GetProperty("ruleId").GetString());
        Assert.Equal(0, orphan.GetProperty("ruleIndex").GetInt32());
        JsonElement physical = Assert.Single(orphan.GetProperty("locations").EnumerateArray()).GetProperty("physicalLocation");
        Assert.Equal("Buffers.cs", physical.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal("SRCROOT", physical.GetProperty("artifactLocation").GetProperty("uriBaseId").GetString());
        Assert.Equal(10, physical.GetProperty("region").GetProperty("startLine").GetInt32());
        JsonElement[] flow = [.. orphan.GetProperty("codeFlows")[0].GetProperty("threadFlows")[0].GetProperty("locations").EnumerateArray()];
        Assert.Equal(13, flow[1].GetProperty("location").GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.StartsWith("file:///", run.GetProperty("originalUriBaseIds").GetProperty("SRCROOT").GetProperty("uri").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_prints_the_methods_ownership_facts()
    {
        (int exit, string output, string error) = CliRunner.Run("leak", CliRunner.Fixture("Leaky"), "--explain", "Buffers.Sum");

        Assert.True(exit == 1, output + error);
        Assert.Contains("method Leaky.Buffers.Sum(byte*, int)", output);
        Assert.Contains("parameters: data: borrows, count: borrows", output);
        Assert.Contains("acquisition #0: NativeMemory.Alloc `copy` at line 10", output);
        Assert.Contains("- released by NativeMemory.Free at line 23", output);
        Assert.Contains("verdict: LEAKS when `count == 0` is true and the method returns at line 13", output);
    }

    [Fact]
    public void Explain_honours_format_json()
    {
        (int exit, string output, string error) = CliRunner.Run("leak", CliRunner.Fixture("Leaky"), "--explain", "Buffers.Sum", "--format", "json");

        Assert.True(exit == 1, output + error);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement method = Assert.Single(json.RootElement.GetProperty("methods").EnumerateArray());
        Assert.Equal("Leaky.Buffers.Sum(byte*, int)", method.GetProperty("method").GetString());
        Assert.Equal(["borrows", "borrows"], method.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("effect").GetString()));
        JsonElement acquisition = Assert.Single(method.GetProperty("acquisitions").EnumerateArray());
        Assert.Equal("NativeMemory.Alloc", acquisition.GetProperty("api").GetString());
        Assert.Equal(10, acquisition.GetProperty("line").GetInt32());
        Assert.Contains("released by NativeMemory.Free at line 23", acquisition.GetProperty("outcomes").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal("when `count == 0` is true and the method returns at line 13", acquisition.GetProperty("leakPath").GetString());
        Assert.True(method.GetProperty("leaks").GetBoolean());
    }

    [Fact]
    public void Folder_with_one_solution_loads_every_project_of_it()
    {
        (int exit, string output, string error) = CliRunner.Run("leak", CliRunner.Fixture("Solution"), "--verbose");

        Assert.True(exit == 1, output + error);
        Assert.Contains("mockalloc leak: 2 leaks found in Fixtures.sln", output);
        Assert.Contains("--> ../Leaky/Buffers.cs:10:29", output);
        Assert.Contains("mockalloc: loaded Clean:", error);
        Assert.Contains("mockalloc: loaded Leaky:", error);
    }
}
