namespace Mockalloc.Internal;

/// <summary>
/// Fibonacci hashing of a 64-bit key into a power-of-two table: one multiply, and the top bits, so that
/// keys on a regular grid (addresses 16 bytes apart, consecutive handles) spread over the slots. For the
/// tracker's direct-mapped and open-addressing tables.
/// </summary>
internal static class SlotHash
{
    /// <summary>The slot of <paramref name="key"/> in a table of 2^<paramref name="bits"/> slots.</summary>
    public static int Of(ulong key, int bits) => (int)((key * 0x9E3779B97F4A7C15) >> (64 - bits));
}
