namespace Mockalloc.TestAttributes.Tests.EndToEnd;

/// <summary>Runs tests/Fixtures/Xunit3Fixture with dotnet test and checks each result.</summary>
public sealed class Xunit3EndToEndTests(Xunit3FixtureRun run) : IClassFixture<Xunit3FixtureRun>
{
    public static TheoryData<string, string, string> All => Expectations.Common().Plus(new()
    {
        { "Basics/PlainFactIsNotRecorded", "Passed", "" },
        { "AsyncLifetime/Passes", "Passed", "" },
        { "ClassFixtureNotRecorded/Passes", "Passed", "" },
        { "OutputHelper/Passes", "Passed", "" },
        { "Theories/InlineRows(leak: False)", "Passed", "" },
        { "Theories/InlineRows(leak: True)", "Failed", Expectations.Leak },
        { "Theories/NotSerializableRows(payload: balanced)", "Passed", "" },
        { "Theories/NotSerializableRows(payload: leaking)", "Failed", Expectations.Leak },
        { "Theories/ClassRows(count: 0)", "Failed", Expectations.NoData },
        { "Theories/ClassRows(count: 2)", "Passed", "" },
        { "Features/SkippedTheory", "NotExecuted", "" },
        { "Features/ExplicitOnly", "NotExecuted", "" },
        { "Features/SkipsDynamically", "NotExecuted", "!Mockalloc" },
    });

    [Theory]
    [MemberData(nameof(All))]
    public void Fixture_test_reports_the_expected_outcome_and_message(string key, string outcome, string messageParts) =>
        Expectations.Check(run.Result(key), outcome, messageParts);

    [Fact]
    public void Every_fixture_test_ran_and_is_expected() => Expectations.CheckEveryResultIsExpected(run.Results, All);

    [Fact]
    public void The_environment_layer_allows_NoData_for_a_rerun() =>
        Assert.All(run.EnvironmentResults, r => Assert.Equal("Passed", r.Outcome));

    [Fact]
    public void The_environment_rerun_ran_the_NoData_test() =>
        Assert.Contains(run.EnvironmentResults, r => r.Key == "Basics/AllocatesNothing");
}
