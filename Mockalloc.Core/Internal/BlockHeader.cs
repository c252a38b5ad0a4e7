using System.Runtime.CompilerServices;

namespace Mockalloc.Internal;

/// <summary>
/// The 16 bytes the tracked native facades put before every block they hand out, as debug heaps do, so
/// that a release can recover the block's size, alignment and family, and can tell a live block of
/// ours from a released one and from memory we never handed out.
/// </summary>
/// <remarks>
/// <para>Layout, immediately before the user pointer <c>p</c>:
/// <c>[p-16] meta = size | log2(offset) &lt;&lt; 48 | family &lt;&lt; 56</c> and
/// <c>[p-8] cookie = Mix(p ^ meta ^ secret) ^ state</c> (Mix: one multiply and a xor-shift), where <c>offset</c> is the distance from the real
/// allocation's base to <c>p</c> (16, or the alignment when that is larger, so that <c>p</c> keeps the
/// alignment the caller asked for), <c>secret</c> is random per process and <c>state</c> tells live from
/// released. A foreign or interior pointer passes the check only by a 2^-64 accident; a released block
/// passes as released until the native allocator reuses its first bytes (glibc and the Windows heap do
/// so at once), after which it reads as foreign.</para>
/// <para>Reading the 16 bytes before a pointer is safe for pointers that came from an allocator (its own
/// chunk header lies there) and for interior pointers of our blocks. It is not safe for a block whose pages
/// the allocator has returned to the system, which happens only to large blocks: when released they are
/// entered in <see cref="ReleasedLargeBlocks"/>, which is consulted before any header is read.</para>
/// </remarks>
internal static unsafe class BlockHeader
{
    /// <summary>Bytes of the header.</summary>
    public const int Size = 16;

    /// <summary>Released blocks of this many bytes or more are remembered in <see cref="ReleasedLargeBlocks"/>.</summary>
    public const ulong LargeBlockBytes = 64 * 1024;

    private const ulong SizeMask = (1UL << 48) - 1;
    private const ulong ReleasedState = 0x5EA1_ED0F_F0F0_0001;
    private static readonly ulong Secret = (ulong)Random.Shared.NextInt64() | 1;

    /// <summary>What a header says.</summary>
    public enum State
    {
        /// <summary>No header of ours: a foreign or interior pointer.</summary>
        Foreign,
        /// <summary>A live block of ours.</summary>
        Live,
        /// <summary>A block of ours that was released and not yet reused.</summary>
        Released,
    }

    /// <summary>Writes a live header before <paramref name="user"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(byte* user, ulong size, nuint offset, AllocFamily family)
    {
        ulong meta = size | ((ulong)System.Numerics.BitOperations.Log2(offset) << 48) | ((ulong)family << 56);
        Unsafe.WriteUnaligned(user - 16, meta);
        Unsafe.WriteUnaligned(user - 8, Cookie(user, meta));
    }

    /// <summary>Reads the header before <paramref name="user"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static State Read(byte* user, out ulong size, out nuint offset, out AllocFamily family)
    {
        ulong meta = Unsafe.ReadUnaligned<ulong>(user - 16);
        ulong cookie = Unsafe.ReadUnaligned<ulong>(user - 8);
        size = meta & SizeMask;
        offset = (nuint)1 << (int)((meta >> 48) & 0x3F);
        family = (AllocFamily)(meta >> 56);
        ulong expected = Cookie(user, meta);
        return cookie == expected ? State.Live
            : cookie == (expected ^ ReleasedState) ? State.Released
            : State.Foreign;
    }

    /// <summary>Marks the block before <paramref name="user"/> released (its header must be live).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MarkReleased(byte* user)
    {
        ref ulong cookie = ref Unsafe.AsRef<ulong>(user - 8);
        cookie ^= ReleasedState;
    }

    /// <summary>Whether <paramref name="size"/> bytes plus <paramref name="offset"/> fit in the header's 48-bit size and in memory.</summary>
    public static bool Fits(ulong size, nuint offset) => size <= SizeMask - offset;

    // One multiply: the cookie only has to make an accidental match with memory that is not a header of ours
    // (foreign data, an interior pointer, another block's header) a 2^-64 event, not to resist an adversary.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Cookie(byte* user, ulong meta)
    {
        ulong mixed = ((ulong)user ^ meta ^ Secret) * 0x9E3779B97F4A7C15;
        return mixed ^ (mixed >> 29);
    }
}
