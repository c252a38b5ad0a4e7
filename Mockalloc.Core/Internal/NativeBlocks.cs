using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Mockalloc.Internal;

/// <summary>
/// Header-carrying native blocks for the tracked facades: allocation, reallocation and release for every
/// native family, recording each event and containing every bad release.
/// </summary>
/// <remarks>
/// <para>Every block gets a <see cref="BlockHeader"/>; the real allocation is the family's own BCL call for
/// <c>size + offset</c> bytes. A release reads the header and then, for a live block of ours, records the
/// release with the family the caller used (so a wrong family reports MismatchedFree), marks the header
/// released and frees the real allocation through the family that made it (so the process never sees the
/// mismatch). A release of a released block or of a pointer we never handed out is recorded and, inside a
/// region, never passed to the native allocator; outside every region a foreign pointer is released as the
/// BCL would, since it may be memory that untracked code allocated.</para>
/// <para>Generic over the caller's family (an <see cref="INativeFamily"/> struct on each method), so that each
/// facade member compiles to direct calls.</para>
/// </remarks>
internal static unsafe class NativeBlocks
{
    /// <summary>Allocates a tracked block.</summary>
    /// <param name="size">Bytes the caller asked for.</param>
    /// <param name="alignment">The caller's alignment for the aligned family (a power of two); 0 for the others.</param>
    /// <param name="zeroed">Whether the caller's bytes must be zero.</param>
    /// <param name="site">The interned call site for tracing, 0 when unknown.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void* Allocate<TFamily>(nuint size, nuint alignment, bool zeroed, int site = 0)
        where TFamily : struct, INativeFamily
    {
        nuint offset = Offset(alignment);
        if (!BlockHeader.Fits(size, offset))
        {
            throw new OutOfMemoryException();
        }
        byte* user = TFamily.Allocate(size + offset, alignment) + offset;
        if (zeroed)
        {
            NativeMemory.Clear(user, size);
        }
        Created(user, size, offset, TFamily.Family, site);
        return user;
    }

    /// <summary>Resizes a tracked block, as the family's realloc would.</summary>
    public static void* Reallocate<TFamily>(void* ptr, nuint size, nuint alignment, int site = 0)
        where TFamily : struct, INativeFamily
    {
        if (ptr == null)
        {
            return Allocate<TFamily>(size, alignment, zeroed: false, site);
        }
        byte* user = (byte*)ptr;
        BlockHeader.State state = ReadHeader(user, out ulong oldSize, out nuint oldOffset, out AllocFamily oldFamily);
        if (state == BlockHeader.State.Live && oldFamily == TFamily.Family && oldOffset == Offset(alignment))
        {
            if (!BlockHeader.Fits(size, oldOffset))
            {
                throw new OutOfMemoryException();
            }
            // On failure the real realloc throws and the old block stays live and recorded.
            byte* moved = TFamily.Reallocate(user - oldOffset, size + oldOffset, alignment) + oldOffset;
            RegionFlow.OnFree((nuint)user, oldSize, oldOffset, TFamily.Family, site);
            if (oldSize >= BlockHeader.LargeBlockBytes && moved != user)
            {
                ReleasedLargeBlocks.Add(user);
            }
            Created(moved, size, oldOffset, TFamily.Family, site);
            return moved;
        }
        if (state == BlockHeader.State.Live)
        {
            // Reallocated through another family (or alignment): report it, and move the contents into a
            // block of the caller's family so that the caller's later release matches.
            void* replacement = Allocate<TFamily>(size, alignment, zeroed: false, site);
            Buffer.MemoryCopy(user, replacement, size, Math.Min(size, (nuint)oldSize));
            Release<TFamily>(user, site);
            return replacement;
        }
        if (state == BlockHeader.State.Foreign && !RegionFlow.IsRecordingOnThisThread)
        {
            return TFamily.Reallocate(user, size, alignment);
        }
        // A released or foreign block inside a region: record the bad release, hand out a fresh block.
        RegionFlow.OnFree(ReleaseIdentity(user, state), oldSize, 0, TFamily.Family, site);
        return Allocate<TFamily>(size, alignment, zeroed: false, site);
    }

    /// <summary>Releases a block through <typeparamref name="TFamily"/>'s release call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Release<TFamily>(void* ptr, int site = 0)
        where TFamily : struct, INativeFamily
    {
        if (ptr == null)
        {
            return;
        }
        byte* user = (byte*)ptr;
        BlockHeader.State state = ReadHeader(user, out ulong size, out nuint offset, out AllocFamily actual);
        if (state == BlockHeader.State.Live)
        {
            RegionFlow.OnFree((nuint)user, size, RecordedOffset<TFamily>(offset), TFamily.Family, site);
            BlockHeader.MarkReleased(user);
            if (size >= BlockHeader.LargeBlockBytes)
            {
                ReleasedLargeBlocks.Add(user);
            }
            if (actual == TFamily.Family)
            {
                TFamily.Free(user - offset);
            }
            else
            {
                FreeThrough(actual, user - offset);
            }
        }
        else
        {
            ReleaseNotLive<TFamily>(user, state, size, site);
        }
    }

    /// <summary>The bytes a live tracked block holds, or null for a pointer that is not a live tracked block.</summary>
    public static ulong? LiveSize(void* ptr) =>
        ptr != null && ReadHeader((byte*)ptr, out ulong size, out _, out _) == BlockHeader.State.Live ? size : null;

    private static void ReleaseNotLive<TFamily>(byte* user, BlockHeader.State state, ulong size, int site)
        where TFamily : struct, INativeFamily
    {
        if (state == BlockHeader.State.Released || RegionFlow.IsRecordingOnThisThread)
        {
            RegionFlow.OnFree(ReleaseIdentity(user, state), size, 0, TFamily.Family, site);
        }
        else
        {
            TFamily.Free(user);
        }
    }

    // Only the aligned family's offset varies; the others' is always the header's size, stated as the
    // constant it is so that its hash folds at compile time.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nuint RecordedOffset<TFamily>(nuint offset)
        where TFamily : struct, INativeFamily =>
        TFamily.Family == AllocFamily.NativeMemoryAligned ? offset : BlockHeader.Size;

    // A block of ours known to be released is tagged (so a double free cannot cancel against a later block
    // at the same address); a foreign pointer is not, since it may be a live block of a header-less family
    // (a BSTR, a MockAllocator block) released through the wrong API: a MismatchedFree.
    private static ulong ReleaseIdentity(byte* user, BlockHeader.State state) =>
        state == BlockHeader.State.Released ? NotLive.Of((nuint)user) : (nuint)user;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static BlockHeader.State ReadHeader(byte* user, out ulong size, out nuint offset, out AllocFamily family)
    {
        if (ReleasedLargeBlocks.Contains(user))
        {
            size = 0;
            offset = 0;
            family = 0;
            return BlockHeader.State.Released;
        }
        BlockHeader.State state = BlockHeader.Read(user, out size, out offset, out family);
        if (state == BlockHeader.State.Foreign)
        {
            size = 0;
        }
        return state;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Created(byte* user, nuint size, nuint offset, AllocFamily family, int site)
    {
        BlockHeader.Write(user, size, offset, family);
        ReleasedLargeBlocks.Remove(user);
        RegionFlow.OnAlloc((nuint)user, size, offset, family, site);
    }

    // Room for the header that keeps the caller's alignment: 16 bytes, or the alignment when larger.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nuint Offset(nuint alignment) => alignment > BlockHeader.Size ? alignment : BlockHeader.Size;

    // A live block released through another family than made it: free it through its own.
    private static void FreeThrough(AllocFamily family, void* block)
    {
        switch (family)
        {
            case AllocFamily.NativeMemory: MallocFamily.Free(block); break;
            case AllocFamily.NativeMemoryAligned: AlignedFamily.Free(block); break;
            case AllocFamily.HGlobal: HGlobalFamily.Free(block); break;
            case AllocFamily.CoTaskMem: CoTaskMemFamily.Free(block); break;
            default: throw new InvalidOperationException($"Mockalloc: a block header names an unknown family {family}.");
        }
    }
}
