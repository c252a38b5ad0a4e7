namespace Mockalloc.TestAttributes.Tests.EndToEnd;

/// <summary>Runs tests/Fixtures/MSTestFixture with dotnet test and checks each result.</summary>
public sealed class MSTestEndToEndTests(MSTestFixtureRun run) : IClassFixture<MSTestFixtureRun>
{
    public static TheoryData<string, string, string> All => Expectations.Common().Plus(new()
    {
        { "Basics/PlainTestMethodIsNotRecorded", "Passed", "" },
        { "InitializeAndCleanup/Passes", "Passed", "" },
        { "ClassInitializeNotRecorded/Passes", "Passed", "" },
        { "DataRows/InlineRows (False)", "Passed", "" },
        { "DataRows/InlineRows (True)", "Failed", Expectations.Leak },
        { "DataRows/DynamicRows (balanced)", "Passed", "" },
        { "DataRows/DynamicRows (leaking)", "Failed", Expectations.Leak },
        { "DataRows/CountRows (0)", "Failed", Expectations.NoData },
        { "DataRows/CountRows (2)", "Passed", "" },
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
