namespace Mockalloc.TestAttributes.Tests.EndToEnd;

/// <summary>Runs tests/Fixtures/Xunit2Fixture with dotnet test and checks each result.</summary>
public sealed class Xunit2EndToEndTests(Xunit2FixtureRun run) : FixtureEndToEndTests<Xunit2EndToEndTests, Xunit2FixtureRun>(run), IFixtureExpectations
{
    public static TheoryData<string, string, string> All => Expectations.XunitCommon();

    // The rerun runs test collections in parallel, overriding the fixture's [assembly: CollectionBehavior].
    public static TheoryData<string, string, string> Rerun => Expectations.CommonRerun();
}
