using Mockalloc.Core.Tests.Support;

namespace Mockalloc.Core.Tests.Tracked;

/// <summary>
/// The crate's "amongst many" twins for every tracked source: each bug between two rounds of 32
/// acquisitions of the same source, half released at once and half at the end.
/// </summary>
public sealed class TrackedSourcesAmongstManyTests
{
    public static TheoryData<SourceKind> Sources() => new(Enum.GetValues<SourceKind>());

    [Theory]
    [MemberData(nameof(Sources))]
    public void Correct_use_amongst_many_passes(SourceKind kind) =>
        Assert.Null(AmongstMany(kind, r => r.Release()).Error);

    [Theory]
    [MemberData(nameof(Sources))]
    public void A_leak_amongst_many_is_found(SourceKind kind) =>
        Assert.Equal(AllocError.Leak, AmongstMany(kind, _ => { }).Error);

    [Theory]
    [MemberData(nameof(Sources))]
    public void A_double_release_amongst_many_is_found(SourceKind kind) =>
        Assert.Equal(AllocError.DoubleFree, AmongstMany(kind, r =>
        {
            r.Release();
            r.Release();
        }).Error);

    [Theory]
    [MemberData(nameof(Sources))]
    public void A_release_through_another_family_amongst_many_is_found(SourceKind kind)
    {
        if (TrackedResource.HasOtherFamily(kind))
        {
            Assert.Equal(AllocError.MismatchedFree, AmongstMany(kind, r => r.ReleaseThroughOtherFamily()).Error);
        }
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void An_interior_pointer_amongst_many_is_found(SourceKind kind)
    {
        if (TrackedResource.HasInterior(kind))
        {
            // As in the crate's it_detects_bad_ptr: the block itself stays unreleased (and live: the bad
            // release was contained), which balances the counts.
            Assert.Equal(AllocError.BadPtr, AmongstMany(kind, r => r.ReleaseInterior()).Error);
        }
    }

    private static AllocInfo AmongstMany(SourceKind kind, Action<TrackedResource> codeUnderTest) => Allocs.Record(() =>
    {
        var kept = new List<TrackedResource>();
        Round(kind, kept);
        codeUnderTest(TrackedResource.Acquire(kind, 24));
        Round(kind, kept);
        foreach (TrackedResource resource in kept)
        {
            resource.Release();
        }
    });

    private static void Round(SourceKind kind, List<TrackedResource> kept)
    {
        for (int i = 0; i < 32; i++)
        {
            var resource = TrackedResource.Acquire(kind, 8 * (i + 1));
            if (i % 2 == 0)
            {
                resource.Release();
            }
            else
            {
                kept.Add(resource);
            }
        }
    }
}
