namespace Mockalloc.TestAttributes.Tests.EndToEnd;

/// <summary>What a fixture project's runs must report, declared by its end-to-end test class.</summary>
public interface IFixtureExpectations : IRunExpectations
{
    /// <summary>The same for the rerun (see <see cref="FixtureRun"/>).</summary>
    static abstract TheoryData<string, string, string> Rerun { get; }
}

/// <summary>
/// The checks every fixture project gets: each expected result's outcome and message in the full run and in the
/// rerun, and in each no result missing or unexpected.
/// </summary>
/// <typeparam name="TSelf">The framework's test class, which declares the expected results.</typeparam>
/// <typeparam name="TRun">The run of the framework's fixture project.</typeparam>
public abstract class FixtureEndToEndTests<TSelf, TRun>(TRun run) : RunResultsTests<TSelf, TRun>(run)
    where TSelf : IFixtureExpectations
    where TRun : FixtureRun
{
    public static TheoryData<string, string, string> ExpectedInRerun => TSelf.Rerun;

    [Theory]
    [MemberData(nameof(ExpectedInRerun))]
    public void Rerun_test_reports_the_expected_outcome_and_message(string key, string outcome, string messageParts) =>
        Expectations.Check(Run.RerunResult(key), outcome, messageParts);

    [Fact]
    public void Every_rerun_test_ran_and_is_expected() => Expectations.CheckEveryResultIsExpected(Run.RerunResults, ExpectedInRerun);
}
