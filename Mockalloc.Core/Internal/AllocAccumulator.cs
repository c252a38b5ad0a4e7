using System.Numerics;
using System.Runtime.CompilerServices;

namespace Mockalloc.Internal;

/// <summary>
/// The whole detection engine: four 128-bit accumulators and a handful of counters that together
/// classify a region's allocation events without remembering any individual allocation.
/// </summary>
/// <remarks>
/// <para><b>What is recorded.</b> Every event carries an identity (an address, a handle, an object id),
/// a size, an alignment and a family (which API family acquired or released it). An acquisition adds,
/// a release subtracts, the same four terms, with wrapping arithmetic modulo 2^128:</para>
/// <code>
///   Ptr       ± H(id)
///   PtrSize   ± H(id) · size
///   PtrAlign  ± H(id) · alignment
///   PtrFamily ± H(id) · family
/// </code>
/// <para>H is a 128-bit mixing hash of the identity (two independent 64-bit lanes, each the folded
/// 128-bit product of two different transforms of the identity, so that H is far from linear). The
/// multiplier terms use the raw size, alignment and family: for a fixed identity the term is linear in
/// them, so an acquisition and its matching release cancel exactly, and a release that disagrees leaves
/// <c>H(id) · (difference)</c>, which is zero only if H(id) is divisible by a large power of two.</para>
/// <para><b>Why it works.</b> When every acquired (id, size, alignment, family) tuple is released exactly
/// once, all four sums are zero. When the multiset of released identities differs from the acquired one,
/// <c>Ptr</c> is a signed sum of pseudo-random 128-bit values and is zero only by a 2^-128 accident;
/// likewise each multiplier channel once the identities agree. This is the only way the engine can be
/// wrong: a verdict of "no bug" for a buggy sequence with probability about 2^-128 (the documented
/// collision case). It never reports a bug for a correct sequence.</para>
/// <para><b>Classification</b>, in this order (SPEC 3.1): more acquisitions than releases is a Leak;
/// fewer is a DoubleFree; no events at all is NoData; otherwise a nonzero <c>Ptr</c> is BadPtr (some
/// release named an identity that was not acquired, typically together with a leak); a nonzero
/// <c>PtrFamily</c> is MismatchedFree; nonzero <c>PtrSize</c> and <c>PtrAlign</c> together is BadLayout,
/// either alone BadSize or BadAlignment. Because counts are compared first, a leak and a double free in
/// the same region balance the counts and surface as BadPtr, as in the Rust crate.</para>
/// <para><b>Cost.</b> Two 64×64→128 multiplications for H, two for each multiplier channel, a few adds;
/// no branch on the data, no memory beyond this struct, no managed allocation. Memory is O(1) however
/// many allocations are live.</para>
/// <para><b>Peaks.</b> <c>Live</c>/<c>LiveCount</c> are bytes and blocks acquired minus released since
/// this accumulator was reset, and <c>Peak</c>/<c>PeakCount</c> the highest <c>Live</c> seen (and the
/// live block count at that moment), relative to the same start. <see cref="Merge"/> composes a later
/// segment onto an earlier one, so a region that runs on one thread at a time, even hopping threads
/// across awaits, gets exact peaks; concurrent threads are composed in the order their segments end.</para>
/// </remarks>
internal struct AllocAccumulator
{
    /// <summary>Σ ±H(id).</summary>
    public UInt128 Ptr;
    /// <summary>Σ ±H(id)·size.</summary>
    public UInt128 PtrSize;
    /// <summary>Σ ±H(id)·alignment.</summary>
    public UInt128 PtrAlign;
    /// <summary>Σ ±H(id)·family.</summary>
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
    public void RecordAlloc(ulong id, ulong size, ulong alignment, ulong family)
    {
        Accumulate(AllocHash.Of(id), size, alignment, family);
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
    public void RecordFree(ulong id, ulong size, ulong alignment, ulong family)
    {
        // Subtracting H(id)·x is adding (−H(id))·x: one code path for both directions.
        Accumulate(UInt128.Zero - AllocHash.Of(id), size, alignment, family);
        Frees++;
        BytesFreed += (long)size;
        Live -= (long)size;
        LiveCount--;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Accumulate(UInt128 h, ulong size, ulong alignment, ulong family)
    {
        Ptr += h;
        PtrSize += AllocHash.Multiply(h, size);
        PtrAlign += AllocHash.Multiply(h, alignment);
        PtrFamily += AllocHash.Multiply(h, family);
    }

    /// <summary>Adds a later segment's events to this one, composing peaks (see remarks).</summary>
    public void Merge(in AllocAccumulator later)
    {
        Ptr += later.Ptr;
        PtrSize += later.PtrSize;
        PtrAlign += later.PtrAlign;
        PtrFamily += later.PtrFamily;
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

/// <summary>The 128-bit identity hash H of <see cref="AllocAccumulator"/> and its multiplier.</summary>
internal static class AllocHash
{
    // Odd 64-bit constants (fractional digits of π and e); any odd, unrelated values would do.
    private const ulong Seed0 = 0x243F6A8885A308D3;
    private const ulong Seed1 = 0x13198A2E03707345;
    private const ulong Seed2 = 0xA4093822299F31D1;
    private const ulong Seed3 = 0xB7E151628AED2A6B;

    /// <summary>
    /// H(id): each 64-bit lane is the high half XOR the low half of the 128-bit product of two
    /// different transforms of <paramref name="id"/> (a "multiply-fold"), which makes H quadratic
    /// rather than linear in the identity, so that structured identities (neighbouring addresses,
    /// <c>p + 1</c>) do not produce sums that cancel.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static UInt128 Of(ulong id)
    {
        ulong rotated = BitOperations.RotateLeft(id, 32);
        ulong highA = Math.BigMul(id ^ Seed0, rotated ^ Seed1, out ulong lowA);
        ulong highB = Math.BigMul(id ^ Seed2, rotated ^ Seed3, out ulong lowB);
        return new UInt128(highB ^ lowB, highA ^ lowA);
    }

    /// <summary><paramref name="h"/> · <paramref name="multiplier"/> modulo 2^128, in two multiplications.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static UInt128 Multiply(UInt128 h, ulong multiplier)
    {
        ulong lowHalf = (ulong)h;
        ulong highHalf = (ulong)(h >> 64);
        ulong carry = Math.BigMul(lowHalf, multiplier, out ulong low);
        return new UInt128(carry + (highHalf * multiplier), low);
    }
}
