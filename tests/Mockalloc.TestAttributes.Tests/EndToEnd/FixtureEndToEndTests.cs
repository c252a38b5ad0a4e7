namespace Mockalloc.TestAttributes.Tests.EndToEnd;

/// <summary>What a fixture project's run must report, declared by its end-to-end test class.</summary>
public interface IFixtureExpectations
{
    /// <summary>Rows of (key, outcome, message parts): see <see cref="Expectations"/>.</summary>
    static abstract TheoryData<string, string, string> All { get; }
}

/// <summary>
/// The checks every fixture project gets: each expected result's outcome and message, no result missing or
/// unexpected, and the environment layer's rerun of the NoData test.
/// </summary>
/// <typeparam name="TSelf">The framework's test class, which declares the expected results.</typeparam>
/// <typeparam name="TRun">The run of the framework's fixture project.</typeparam>
public abstract class FixtureEndToEndTests<TSelf, TRun>(TRun run) : IClassFixture<TRun>
    where TSelf : IFixtureExpectations
    where TRun : FixtureRun
{
    public static TheoryData<string, string, string> Expected => TSelf.All;

    [Theory]
    [MemberData(nameof(Expected))]
    public void Fixture_test_reports_the_expected_outcome_and_message(string key, string outcome, string messageParts) =>
        Expectations.Check(run.Result(key), outcome, messageParts);

    [Fact]
    public void Every_fixture_test_ran_and_is_expected() => Expectations.CheckEveryResultIsExpected(run.Results, Expected);

    [Fact]
    public void The_environment_layer_allows_NoData_for_a_rerun() =>
        Assert.All(run.EnvironmentResults, r => Assert.Equal("Passed", r.Outcome));

    [Fact]
    public void The_environment_rerun_ran_the_NoData_test() =>
        Assert.Contains(run.EnvironmentResults, r => r.Key == "Basics/AllocatesNothing");
}
