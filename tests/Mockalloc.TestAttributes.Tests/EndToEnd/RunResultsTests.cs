namespace Mockalloc.TestAttributes.Tests.EndToEnd;

/// <summary>A child <c>dotnet test</c> run whose TRX results the tests read.</summary>
public interface IRunResults
{
    /// <summary>Every result of the run.</summary>
    IReadOnlyList<TrxResult> Results { get; }

    /// <summary>The one result with this key ("Class/display name"); throws with the run's output when there is none.</summary>
    TrxResult Result(string key);
}

/// <summary>What a run must report, declared by its test class.</summary>
public interface IRunExpectations
{
    /// <summary>Rows of (key, outcome, message parts): see <see cref="Expectations"/>.</summary>
    static abstract TheoryData<string, string, string> All { get; }
}

/// <summary>The checks every run gets: each expected result's outcome and message, and no result missing or unexpected.</summary>
/// <typeparam name="TSelf">The test class, which declares the expected results.</typeparam>
/// <typeparam name="TRun">The run, a class fixture.</typeparam>
public abstract class RunResultsTests<TSelf, TRun>(TRun run) : IClassFixture<TRun>
    where TSelf : IRunExpectations
    where TRun : class, IRunResults
{
    public static TheoryData<string, string, string> Expected => TSelf.All;

    /// <summary>The run whose results are checked.</summary>
    protected TRun Run { get; } = run;

    [Theory]
    [MemberData(nameof(Expected))]
    public void Fixture_test_reports_the_expected_outcome_and_message(string key, string outcome, string messageParts) =>
        Expectations.Check(Run.Result(key), outcome, messageParts);

    [Fact]
    public void Every_fixture_test_ran_and_is_expected() => Expectations.CheckEveryResultIsExpected(Run.Results, Expected);
}
