using System.Diagnostics;

namespace Mockalloc.Cli.Tests;

/// <summary><c>--explain M --smt</c> emits SMT-LIB2 that z3 accepts: unsat for a leaking method, sat for a leak-free one.</summary>
public sealed class SmtTests
{
    [Fact]
    public void Smt_output_is_well_formed_and_ends_with_check_sat()
    {
        (int exit, string output, _) = CliRunner.Run("leak", CliRunner.Fixture("Leaky"), "--explain", "Sum", "--smt");

        Assert.Equal(1, exit);
        Assert.StartsWith("; mockalloc leak --explain --smt", output, StringComparison.Ordinal);
        Assert.Contains("(set-logic QF_BV)", output);
        Assert.Contains("(declare-const |m0_a0_acquire| (_ BitVec 1))", output);
        Assert.Equal("(check-sat)", output.TrimEnd().Split('\n')[^1].Trim());
        Assert.Equal(output.Count(c => c == '('), output.Count(c => c == ')'));
    }

    [Z3Theory]
    [InlineData("Sum", "unsat")]
    [InlineData("Checked", "sat")]
    public void Z3_agrees_with_the_verdict(string method, string expected)
    {
        string z3 = Z3TheoryAttribute.Z3Path!;
        (_, string smt, _) = CliRunner.Run("leak", CliRunner.Fixture("Leaky"), "--explain", method, "--smt");
        var start = new ProcessStartInfo(z3, "-in") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using Process process = Process.Start(start)!;
        process.StandardInput.Write(smt);
        process.StandardInput.Close();
        string answer = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        Assert.Equal(expected, answer);
    }
}
