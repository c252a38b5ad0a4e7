namespace Mockalloc.TestAttributes.Tests.EndToEnd;

/// <summary>Runs tests/Fixtures/Xunit2Fixture with dotnet test and checks each result.</summary>
public sealed class Xunit2EndToEndTests(Xunit2FixtureRun run) : FixtureEndToEndTests<Xunit2EndToEndTests, Xunit2FixtureRun>(run), IFixtureExpectations
{
    public static TheoryData<string, string, string> All => Expectations.XunitCommon().Plus(new()
    {
        // xUnit v2 never calls IAsyncDisposable.DisposeAsync on a test class (a plain [Fact] leaks the same block):
        // the leak is real, and reported.
        { "ConstructorAndDisposeAsync/Passes", "Failed", Expectations.Leak },
    });

    // The rerun runs test collections in parallel, overriding the fixture's [assembly: CollectionBehavior].
    public static TheoryData<string, string, string> Rerun => Expectations.CommonRerun();
}
