namespace Mockalloc.Cli.Tests;

/// <summary>Bad input exits 2 with one clear line on standard error and never a stack trace.</summary>
public sealed class BadInputTests
{
    private static void AssertBadInput((int ExitCode, string Output, string Error) run, string expected)
    {
        Assert.True(run.ExitCode == 2, run.Output + run.Error);
        string line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains(expected, line);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Fact]
    public void Missing_path() =>
        AssertBadInput(CliRunner.Run("leak", Path.Combine(CliRunner.RepositoryRoot, "no-such-folder")), "does not exist");

    [Fact]
    public void Empty_path() =>
        AssertBadInput(CliRunner.Run("leak", ""), "mockalloc: the path is empty. Pass a .csproj, a .sln or .slnx, or a folder that holds one.");

    [FilePermissionFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Unreadable_folder()
    {
        string folder = Path.Combine(Path.GetTempPath(), "mockalloc-unreadable-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            File.SetUnixFileMode(folder, UnixFileMode.None);
            AssertBadInput(CliRunner.RunWithFilePermissions("leak", folder), $"mockalloc: could not read '{folder}' (UnauthorizedAccessException: Access to the path '{folder}' is denied). Check that the path exists and that you may read it.");
        }
        finally
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Directory.Delete(folder);
        }
    }

    [Fact]
    public void Folder_with_two_projects_is_ambiguous() =>
        AssertBadInput(CliRunner.Run("leak", CliRunner.Fixture("Ambiguous")), "holds 2 projects (One.csproj, Two.csproj): pass one of them");

    [Fact]
    public void File_that_is_not_a_project() =>
        AssertBadInput(CliRunner.Run("leak", Path.Combine(CliRunner.Fixture("Leaky"), "Buffers.cs")), "is not a .csproj, .sln or .slnx file");

    [Fact]
    public void Project_that_does_not_load() =>
        AssertBadInput(CliRunner.Run("leak", CliRunner.Fixture("Broken")), "could not load");

    [Fact]
    public void Unknown_format() =>
        AssertBadInput(CliRunner.Run("leak", CliRunner.Fixture("Leaky"), "--format", "xml"), "xml");

    [Fact]
    public void Smt_without_explain() =>
        AssertBadInput(CliRunner.Run("leak", CliRunner.Fixture("Leaky"), "--smt"), "--smt needs --explain");

    [Fact]
    public void Explain_refuses_sarif() =>
        AssertBadInput(CliRunner.Run("leak", CliRunner.Fixture("Leaky"), "--explain", "Sum", "--format", "sarif"), "mockalloc: --explain prints ownership facts, not findings, so --format sarif does not apply. Drop --format, or use --format json.");

    [Fact]
    public void Smt_refuses_another_format() =>
        AssertBadInput(CliRunner.Run("leak", CliRunner.Fixture("Leaky"), "--explain", "Sum", "--smt", "--format", "json"), "mockalloc: --explain --smt prints SMT-LIB2, so --format json does not apply. Drop --format.");

    [Fact]
    public void Unknown_method_to_explain() =>
        AssertBadInput(CliRunner.Run("leak", CliRunner.Fixture("Clean"), "--explain", "NoSuchMethod"), "no method named 'NoSuchMethod'");

    [Fact]
    public void No_command() =>
        AssertBadInput(CliRunner.Run(), "Required command was not provided");
}
