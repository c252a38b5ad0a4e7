namespace Mockalloc.Internal;

/// <summary>
/// The identity a tracked source records for a release of something it knows is not live: a native block
/// of ours already released, a GC handle not in its table. Tagged, so that such a release can never cancel
/// against a later acquisition that reuses the address or handle value. (Foreign pointers are not tagged:
/// they may be live blocks of another family released through the wrong API, which must match.)
/// </summary>
/// <remarks>
/// Without the tag, a double free followed by a leak of the next block (which allocators, and the runtime's
/// handle table, hand out at the address just freed) sums to zero in every channel: acquire p, release p,
/// release p, acquire p. With it, the second release names <c>Of(p)</c>, no acquisition ever names that,
/// and the region reports BadPtr (counts balanced) or DoubleFree, as SPEC 3.1 orders them. Bit 62 is
/// clear in every user-space address, handle value and rental number.
/// </remarks>
internal static class NotLive
{
    private const ulong Tag = 1UL << 62;

    /// <summary>The identity to record for a release of <paramref name="id"/>, known not to be live.</summary>
    public static ulong Of(ulong id) => id | Tag;

    /// <summary>The address or handle a recorded identity names, tagged or not (for reports).</summary>
    public static ulong Untagged(ulong id) => id & ~Tag;
}
