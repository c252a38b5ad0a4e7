namespace Mockalloc.TestAttributes.Tests.EndToEnd;

/// <summary>
/// Runs tests/Fixtures/InterceptedFixture with dotnet test: tests that call NativeMemory, Marshal, GCHandle and
/// ArrayPool directly, with no line rewritten, get the verdicts and the lines of their own calls, and a leak in
/// a library built with <c>MockallocTrack</c> is traced to the library's line.
/// </summary>
public sealed class InterceptionEndToEndTests(InterceptedFixtureRun run)
    : RunResultsTests<InterceptionEndToEndTests, InterceptedFixtureRun>(run), IRunExpectations
{
    public static TheoryData<string, string, string> All => new()
    {
        { "DirectCalls/NativeLeak", "Failed", "Leak: 1 of 1 acquisitions|Leak: 10 bytes (NativeMemory) allocated at DirectCalls.cs:14 (NativeLeak)" },
        { "DirectCalls/NativePair", "Passed", "" },
        { "DirectCalls/HGlobalDoubleFree", "Failed", "DoubleFree: 16 bytes (HGlobal) allocated at DirectCalls.cs:27 (HGlobalDoubleFree), released at DirectCalls.cs:28 (HGlobalDoubleFree), and again at DirectCalls.cs:29" },
        { "DirectCalls/AlignedFreedWithFree", "Failed", "MismatchedFree: 64 bytes allocated at DirectCalls.cs:35 (AlignedFreedWithFree) through NativeMemory aligned, released at DirectCalls.cs:36 (AlignedFreedWithFree) through NativeMemory" },
        { "DirectCalls/HandleLeak", "Failed", "Leak: 0 bytes (GCHandle) allocated at DirectCalls.cs:42 (HandleLeak)" },
        { "DirectCalls/HandlePair", "Passed", "" },
        { "DirectCalls/PoolDoubleReturn", "Failed", "DoubleFree: 32 bytes (pool #|allocated at DirectCalls.cs:55 (PoolDoubleReturn), released at DirectCalls.cs:56 (PoolDoubleReturn), and again at DirectCalls.cs:57" },
        { "DirectCalls/PoolPair", "Passed", "" },
        { "DirectCalls/LibraryLeak", "Failed", "Leak: 2 bytes (HGlobal) allocated at NativeText.cs:11 (MeasureUtf16)" },
        { "DirectCalls/LibraryCorrect", "Passed", "" },
        { "DirectCalls/PlainFactIsNoRegion", "Passed", "" },
    };
}
