namespace Mockalloc.Core.Tests.Support;

/// <summary>
/// The crate's "amongst many" harness: a round of 32 allocations of which half are freed at once and half
/// kept, the code under test, a second such round, then every kept block freed.
/// </summary>
internal static class AmongstMany
{
    private const int PerRound = 32;
    private const nuint Alignment = 8;

    /// <summary>Allocations (and frees) the harness itself makes: two rounds.</summary>
    public const long Allocations = 2 * PerRound;

    /// <summary>Bytes the harness allocates: block i of a round has 8·(i+1) bytes, so a round has 8·(1+…+32) = 4224.</summary>
    public const long Bytes = 2 * 4224;

    /// <summary>
    /// The peak: the second round's last block (i = 31, 256 bytes) is allocated while the 16 odd blocks of
    /// the first round (8·(2+4+…+32) = 2176 bytes) and the 15 earlier odd blocks of the second (8·(2+…+30)
    /// = 1920 bytes) are held: 2176 + 1920 + 256 = 4352 bytes in 32 blocks.
    /// </summary>
    public const long PeakBytes = 4352;

    /// <summary>Blocks held at the peak.</summary>
    public const long PeakBlocks = 32;

    public static void Run(Action codeUnderTest)
    {
        var kept = new List<(nint Block, nuint Size)>(PerRound);
        Round(kept);
        codeUnderTest();
        Round(kept);
        foreach ((nint block, nuint size) in kept)
        {
            TestAllocator.Free(block, size, Alignment);
        }
    }

    private static void Round(List<(nint Block, nuint Size)> kept)
    {
        for (int i = 0; i < PerRound; i++)
        {
            nuint size = (nuint)(8 * (i + 1));
            nint block = TestAllocator.Alloc(size, Alignment);
            if (i % 2 == 0)
            {
                TestAllocator.Free(block, size, Alignment);
            }
            else
            {
                kept.Add((block, size));
            }
        }
    }
}
