using System.Runtime.CompilerServices;

namespace Mockalloc.Internal;

/// <summary>
/// The whole detection engine: four 128-bit accumulators and a handful of counters that together
/// classify a region's allocation events without remembering any individual allocation.
/// </summary>
/// <remarks>
/// <para><b>What is recorded.</b> Every event carries an identity (an address, a handle, an object id),
/// a size, an alignment and a family (which API family acquired or released it). An acquisition adds,
/// a release subtracts, the same four terms:</para>
/// <code>
///   Ptr       ± H(id)
///   PtrSize   ± H(id) · G(size)
///   PtrAlign  ± H(id) · G(alignment)
///   PtrFamily ± H(id) · G(family)
/// </code>
/// <para>H is a 128-bit hash of the identity made of two independent 64-bit lanes, each a xor-shift-multiply
/// finalizer (murmur3's fmix64) of the identity under its own seed; G is the same finalizer of the attribute
/// under a third seed, one 64-bit value multiplied into both lanes of H. Each channel is a 128-bit value
/// whose two 64-bit lanes are added and multiplied separately, each wrapping modulo 2^64: the lanes never
/// carry into each other, so the CPU computes them in parallel with only 64-bit multiplications (no 128-bit
/// product). The caller may pass G(alignment) and G(family) already computed
/// (<see cref="RecordAllocHashed"/>): where the tracked facades pass constants, the JIT folds them.</para>
/// <para><b>Why the attributes are hashed too.</b> With the raw value as the multiplier
/// (<c>H(id) · size</c>), releases of one reused address whose errors sum to zero would cancel: allocate
/// 10 bytes at p and free 12, allocate 14 at p and free 12, and the size channel is
/// <c>H(p) · (10 − 12 + 14 − 12) = 0</c>. A real allocator hands the same address back all the time,
/// so that is a real hole, not a curiosity. With G, the residue is <c>H(p) · (G(10) − G(12) + G(14) −
/// G(12))</c>, zero only by accident.</para>
/// <para><b>Why it works.</b> When the multiset of released (id, size, alignment, family) tuples equals the
/// acquired one, all four sums are zero. When the multiset of released identities differs from the
/// acquired one, <c>Ptr</c> is a signed sum of pseudo-random 128-bit values and is zero only by a 2^-128
/// accident. Once the identities agree, an attribute channel is <c>Σ H(id) · D(id)</c> with
/// <c>D(id) = Σ ±G(value)</c> over that identity's events. A single wrong release makes some
/// <c>D(id) = G(a) − G(b)</c>, never zero since the finalizer is a bijection, and the channel vanishes only by
/// a 2^-128 accident. Errors on one identity that could cancel (several wrong releases of a reused
/// address) need a signed sum of G values to vanish, a 2^-64 accident, since G is one 64-bit value (two
/// lanes of G would make it 2^-128 at four more multiplications an event; measured, not worth it). These
/// are the only ways the engine can be wrong: a verdict of "no bug" for a buggy sequence by such an
/// accident. It never reports a bug for a correct sequence. What it cannot see, by design, is order: the
/// engine compares multisets, so events that are wrong one by one but whose tuples balance as multisets (a
/// block of 10 bytes at p freed as 12, then a block of 12 bytes at p freed as 10) cancel, as in the Rust
/// crate.</para>
/// <para><b>Classification</b>, in this order (SPEC 3.1): more acquisitions than releases is a Leak;
/// fewer is a DoubleFree; no events at all is NoData; otherwise a nonzero <c>Ptr</c> is BadPtr (some
/// release named an identity that was not acquired, typically together with a leak); a nonzero
/// <c>PtrFamily</c> is MismatchedFree; nonzero <c>PtrSize</c> and <c>PtrAlign</c> together is BadLayout,
/// either alone BadSize or BadAlignment. Because counts are compared first, a leak and a double free in
/// the same region balance the counts and surface as BadPtr, as in the Rust crate.</para>
/// <para><b>Cost.</b> Multiplications bound it, about one a cycle: 4 for H(id), 2 for each G not folded
/// to a constant, 6 for the products. Measured on the project's 2-core machines in a loop of non-inlined
/// calls, best of 15 rounds of 5·10^7), in ns an event: 5.9 with the raw attributes as multipliers (the first
/// design, which had the hole above); with this G, 7.0 for a varying size and constant alignment and
/// family, 10.3 when all three vary; with two-lane G, 8.1 and 12.5. One predictable branch for the peak, no memory beyond this struct,
/// no managed allocation; memory is O(1) however many allocations are live. (A first design used
/// 64×64→128-bit products; the JIT spills their second output to the stack, and it cost a third more.
/// Hashing the pair (id, attribute) in one finalizer is slower still: it chains a second mix behind the
/// first.) <see cref="RegionFlow"/> calls it out of line: inlined into every tracked call, its register
/// pressure cost the not-recording path 2 ns a pair.</para>
/// <para><b>Peaks.</b> <c>Live</c>/<c>LiveCount</c> are bytes and blocks acquired minus released since
/// this accumulator was reset, and <c>Peak</c>/<c>PeakCount</c> the highest <c>Live</c> seen (and the
/// live block count at that moment), relative to the same start. <see cref="Merge"/> composes a later
/// segment onto an earlier one, so a region that runs on one thread at a time, even hopping threads
/// across awaits, gets exact peaks; overlapping segments (parallel threads, or one blocked in a wait while
/// another runs) are composed in the order they end, which can under-count the peak.</para>
/// </remarks>
internal struct AllocAccumulator
{
    /// <summary>Σ ±H(id).</summary>
    public UInt128 Ptr;
    /// <summary>Σ ±H(id)·G(size).</summary>
    public UInt128 PtrSize;
    /// <summary>Σ ±H(id)·G(alignment).</summary>
    public UInt128 PtrAlign;
    /// <summary>Σ ±H(id)·G(family).</summary>
    public UInt128 PtrFamily;

    /// <summary>Number of acquisitions.</summary>
    public long Allocations;
    /// <summary>Number of releases.</summary>
    public long Frees;
    /// <summary>Bytes acquired.</summary>
    public long BytesAllocated;
    /// <summary>Bytes released (as the release says, or as the tracked source knows them).</summary>
    public long BytesFreed;
    /// <summary>Bytes acquired minus bytes released since the last reset.</summary>
    public long Live;
    /// <summary>Blocks acquired minus blocks released since the last reset.</summary>
    public long LiveCount;
    /// <summary>Highest <see cref="Live"/> since the last reset (at least 0).</summary>
    public long Peak;
    /// <summary><see cref="LiveCount"/> at the moment <see cref="Peak"/> was reached.</summary>
    public long PeakCount;

    /// <summary>Records an acquisition.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void RecordAlloc(ulong id, ulong size, ulong alignment, ulong family) =>
        RecordAllocHashed(id, size, AllocHash.Attribute(alignment), AllocHash.Attribute(family));

    /// <summary>
    /// Records an acquisition whose alignment and family are given as G(alignment) and G(family): a caller
    /// that inlines <see cref="AllocHash.Attribute"/> on constants gets them folded by the JIT.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void RecordAllocHashed(ulong id, ulong size, ulong gAlignment, ulong gFamily)
    {
        ulong low = AllocHash.Low(id), high = AllocHash.High(id);
        Lanes.Add(ref Ptr, low, high);
        ulong gSize = AllocHash.Attribute(size);
        Lanes.Add(ref PtrSize, low * gSize, high * gSize);
        Lanes.Add(ref PtrAlign, low * gAlignment, high * gAlignment);
        Lanes.Add(ref PtrFamily, low * gFamily, high * gFamily);
        Allocations++;
        BytesAllocated += (long)size;
        Live += (long)size;
        LiveCount++;
        if (Live > Peak)
        {
            Peak = Live;
            PeakCount = LiveCount;
        }
    }

    /// <summary>Records a release; the arguments are what the release says about the block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void RecordFree(ulong id, ulong size, ulong alignment, ulong family) =>
        RecordFreeHashed(id, size, AllocHash.Attribute(alignment), AllocHash.Attribute(family));

    /// <summary>Records a release whose alignment and family are given hashed (see <see cref="RecordAllocHashed"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void RecordFreeHashed(ulong id, ulong size, ulong gAlignment, ulong gFamily)
    {
        ulong low = AllocHash.Low(id), high = AllocHash.High(id);
        Lanes.Subtract(ref Ptr, low, high);
        ulong gSize = AllocHash.Attribute(size);
        Lanes.Subtract(ref PtrSize, low * gSize, high * gSize);
        Lanes.Subtract(ref PtrAlign, low * gAlignment, high * gAlignment);
        Lanes.Subtract(ref PtrFamily, low * gFamily, high * gFamily);
        Frees++;
        BytesFreed += (long)size;
        Live -= (long)size;
        LiveCount--;
    }

    /// <summary>Adds a later segment's events to this one, composing peaks (see remarks).</summary>
    public void Merge(in AllocAccumulator later)
    {
        Lanes.Add(ref Ptr, later.Ptr);
        Lanes.Add(ref PtrSize, later.PtrSize);
        Lanes.Add(ref PtrAlign, later.PtrAlign);
        Lanes.Add(ref PtrFamily, later.PtrFamily);
        Allocations += later.Allocations;
        Frees += later.Frees;
        BytesAllocated += later.BytesAllocated;
        BytesFreed += later.BytesFreed;
        long peakCandidate = Live + later.Peak;
        if (peakCandidate > Peak)
        {
            Peak = peakCandidate;
            PeakCount = LiveCount + later.PeakCount;
        }
        Live += later.Live;
        LiveCount += later.LiveCount;
    }

    /// <summary>The bug class of the recorded events, or null when they are consistent (SPEC 3.1 order).</summary>
    public readonly AllocError? Classify()
    {
        if (Allocations > Frees)
        {
            return AllocError.Leak;
        }
        if (Allocations < Frees)
        {
            return AllocError.DoubleFree;
        }
        if (Allocations == 0)
        {
            return AllocError.NoData;
        }
        if (Ptr != UInt128.Zero)
        {
            return AllocError.BadPtr;
        }
        if (PtrFamily != UInt128.Zero)
        {
            return AllocError.MismatchedFree;
        }
        bool badSize = PtrSize != UInt128.Zero;
        bool badAlignment = PtrAlign != UInt128.Zero;
        if (badSize && badAlignment)
        {
            return AllocError.BadLayout;
        }
        if (badSize)
        {
            return AllocError.BadSize;
        }
        return badAlignment ? AllocError.BadAlignment : null;
    }
}

/// <summary>
/// The 128-bit hashes of <see cref="AllocAccumulator"/>, each as two independent 64-bit lanes: H of an
/// identity and G of an attribute (size, alignment, family).
/// </summary>
internal static class AllocHash
{
    // Odd 64-bit constants (fractional digits of π and e); any odd, unrelated values would do.
    private const ulong SeedLow = 0x243F6A8885A308D3;
    private const ulong SeedHigh = 0xA4093822299F31D1;
    private const ulong AttributeSeed = 0x082EFA98EC4E6C89;
    private const ulong MixA = 0xFF51AFD7ED558CCD;
    private const ulong MixB = 0xC4CEB9FE1A85EC53;

    /// <summary>The low lane of H(id).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Low(ulong id) => Mix(id ^ SeedLow);

    /// <summary>The high lane of H(id).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong High(ulong id) => Mix(id ^ SeedHigh);

    /// <summary>G(value), the hash of a size, alignment or family: one 64-bit value, multiplied into both lanes of H.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Attribute(ulong value) => Mix(value ^ AttributeSeed);

    /// <summary>
    /// A 64-bit finalizer (xor-shift, multiply, xor-shift, multiply, xor-shift): a bijection in which every
    /// input bit affects every output bit, and which is far from linear, so that structured identities
    /// (neighbouring addresses, <c>p + 1</c>) do not produce sums that cancel. Only 64-bit multiplications:
    /// no 128-bit products, whose second output register the JIT spills to the stack.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= MixA;
        x ^= x >> 33;
        x *= MixB;
        return x ^ (x >> 33);
    }
}

/// <summary>
/// Arithmetic on a channel as two independent 64-bit lanes, each wrapping modulo 2^64: no carry between
/// lanes, so no dependency between them (the group is (Z/2^64)², as strong as Z/2^128 for this purpose:
/// a nonzero pseudo-random element vanishes with probability 2^-128).
/// </summary>
internal static class Lanes
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(ref UInt128 channel, ulong low, ulong high)
    {
        ref ulong lane = ref Unsafe.As<UInt128, ulong>(ref channel);
        lane += low;
        Unsafe.Add(ref lane, 1) += high;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Subtract(ref UInt128 channel, ulong low, ulong high)
    {
        ref ulong lane = ref Unsafe.As<UInt128, ulong>(ref channel);
        lane -= low;
        Unsafe.Add(ref lane, 1) -= high;
    }

    public static void Add(ref UInt128 channel, UInt128 other)
    {
        ref ulong otherLane = ref Unsafe.As<UInt128, ulong>(ref other);
        Add(ref channel, otherLane, Unsafe.Add(ref otherLane, 1));
    }
}
