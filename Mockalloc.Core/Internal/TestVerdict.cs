namespace Mockalloc.Internal;

/// <summary>
/// How a test attribute turns a region's result into a test failure; shared by every framework so a
/// verdict reads the same in each.
/// </summary>
internal static class TestVerdict
{
    /// <summary>The exception to fail the test with, or null when the region adds nothing to the test's result.</summary>
    /// <param name="info">What the test's region recorded.</param>
    /// <param name="testFailed">Whether the test already failed for its own reason.</param>
    /// <returns>
    /// Null when the region found no bug. When the test already failed, a NoData verdict is dropped (the test may
    /// have stopped before its first allocation, and "tracking is not switched on" would only be noise); any
    /// other verdict is reported beside the test's own failure.
    /// </returns>
    public static AllocException? Failure(AllocInfo info, bool testFailed)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (info.Error is not { } error || (testFailed && error == AllocError.NoData))
        {
            return null;
        }
        return new AllocException(info);
    }
}
