namespace Mockalloc.TestAttributes.Tests.EndToEnd;

/// <summary>Runs tests/Fixtures/Xunit3Fixture with dotnet test and checks each result.</summary>
public sealed class Xunit3EndToEndTests(Xunit3FixtureRun run) : FixtureEndToEndTests<Xunit3EndToEndTests, Xunit3FixtureRun>(run), IFixtureExpectations
{
    public static TheoryData<string, string, string> All => Expectations.XunitCommon().Plus(new()
    {
        { "Features/ExplicitOnly", "NotExecuted", "" },
        { "Features/SkipsDynamically", "NotExecuted", "!Mockalloc" },
        { "ConstructorAndDisposeAsync/Passes", "Passed", "" },
        { "AssemblyFixtureNotRecorded/Passes", "Passed", "" },
    });

    public static TheoryData<string, string, string> Rerun => Expectations.CommonRerun();
}
