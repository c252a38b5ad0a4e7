namespace Mockalloc.TestAttributes.Tests.EndToEnd;

/// <summary>Runs tests/Fixtures/MSTestFixture on the newest MSTest with dotnet test and checks each result.</summary>
public sealed class MSTestEndToEndTests(MSTestFixtureRun run) : FixtureEndToEndTests<MSTestEndToEndTests, MSTestFixtureRun>(run), IFixtureExpectations
{
    public static TheoryData<string, string, string> All => Expectations.Common().Plus(new()
    {
        { "Basics/PlainTestMethodIsNotRecorded", "Passed", "" },
        { "InitializeAndCleanup/Passes", "Passed", "" },
        { "ConstructorAndDisposeAsync/Passes", "Passed", "" },
        { "ClassInitializeNotRecorded/Passes", "Passed", "" },
        { "AssemblyInitializeNotRecorded/Passes", "Passed", "" },
        { "DataRows/InlineRows (False)", "Passed", "" },
        { "DataRows/InlineRows (True)", "Failed", Expectations.Leak },
        { "DataRows/DynamicRows (balanced)", "Passed", "" },
        { "DataRows/DynamicRows (leaking)", "Failed", Expectations.Leak },
        { "DataRows/CountRows (0)", "Failed", Expectations.NoData },
        { "DataRows/CountRows (2)", "Passed", "" },
    });

    // The rerun runs test classes in parallel (MSTest's Parallelize, class level, two workers).
    public static TheoryData<string, string, string> Rerun => Expectations.CommonRerun();
}

/// <summary>The same fixture and expectations on MSTest 4.0.2, the lowest version Mockalloc.MSTest supports.</summary>
public sealed class MSTestFloorEndToEndTests(MSTestFloorFixtureRun run)
    : FixtureEndToEndTests<MSTestFloorEndToEndTests, MSTestFloorFixtureRun>(run), IFixtureExpectations
{
    public static TheoryData<string, string, string> All => MSTestEndToEndTests.All;

    public static TheoryData<string, string, string> Rerun => MSTestEndToEndTests.Rerun;
}
