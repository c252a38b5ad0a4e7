namespace Mockalloc.TestAttributes.Tests.EndToEnd;

/// <summary>
/// Packed packages in projects made by today's templates (<see cref="PackedXunitProject"/>): the test's own BCL
/// calls and a tracking library's are seen, with their lines, with no line of either rewritten.
/// </summary>
public sealed class PackedXunitProjectTests(PackedXunitProject project) : IClassFixture<PackedXunitProject>
{
    public static TheoryData<string, string, string> Expected => new()
    {
        { "LeakTests/Leaks", "Failed", "Leak: 10 bytes (NativeMemory) allocated at LeakTests.cs:9 (Leaks)" },
        { "LeakTests/DoubleFree", "Failed", "DoubleFree: 8 bytes (HGlobal) allocated at LeakTests.cs:14 (DoubleFree), released at LeakTests.cs:15 (DoubleFree), and again at LeakTests.cs:16" },
        { "LeakTests/Mismatched", "Failed", "MismatchedFree: 16 bytes allocated at LeakTests.cs:20 (Mismatched) through NativeMemory aligned" },
        { "LeakTests/Correct", "Passed", "" },
        { "LeakTests/LibraryLeaks", "Failed", "Leak: 2 bytes (HGlobal) allocated at NativeText.cs:9 (Utf16)" },
        { "LeakTests/LibraryCorrect", "Passed", "" },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void User_test_reports_the_expected_outcome_and_message(string key, string outcome, string messageParts) =>
        Expectations.Check(Find(key), outcome, messageParts);

    [Fact]
    public void Every_user_test_ran_and_is_expected() => Expectations.CheckEveryResultIsExpected(project.Results, Expected);

    private TrxResult Find(string key) =>
        project.Results.SingleOrDefault(r => r.Key == key)
        ?? throw new Xunit.Sdk.XunitException($"No result '{key}'. Results: {string.Join(", ", project.Results.Select(r => r.Key))}\n{project.Output}");
}
