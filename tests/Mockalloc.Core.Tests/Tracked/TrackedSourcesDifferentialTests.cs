using Mockalloc.Core.Tests.Support;

namespace Mockalloc.Core.Tests.Tracked;

/// <summary>
/// Random programs over every tracked source at once, with real allocations, handles and pools: correct
/// acquisitions, releases and reallocations interleaved across sources, plus at most one planted bug. The
/// region's verdict must be exactly the planted bug's class (or none), whatever the allocator does with
/// addresses in between.
/// </summary>
public sealed class TrackedSourcesDifferentialTests
{
    private enum Bug { None, Leak, DoubleRelease, OtherFamily, Interior }

    [Fact]
    public void Twenty_thousand_random_programs_get_exactly_their_planted_verdict()
    {
        var random = new Random(3);
        SourceKind[] kinds = Enum.GetValues<SourceKind>();
        for (int program = 0; program < 20_000; program++)
        {
            Bug bug = (Bug)random.Next(5);
            int steps = random.Next(1, 24);
            int plantAt = random.Next(steps);
            int seed = random.Next();
            bool planted = false;
            AllocInfo info = Allocs.Record(() =>
            {
                var steps_random = new Random(seed);
                var live = new List<TrackedResource>();
                for (int step = 0; step < steps; step++)
                {
                    if (live.Count == 0 || steps_random.Next(2) == 0)
                    {
                        live.Add(TrackedResource.Acquire(kinds[steps_random.Next(kinds.Length)], steps_random.Next(1, 300)));
                    }
                    else
                    {
                        int index = steps_random.Next(live.Count);
                        TrackedResource victim = live[index];
                        live.RemoveAt(index);
                        if (step >= plantAt && !planted && Plant(bug, victim))
                        {
                            planted = true;
                        }
                        else
                        {
                            victim.Release();
                        }
                    }
                }
                foreach (TrackedResource resource in live)
                {
                    if (!planted && Plant(bug, resource))
                    {
                        planted = true;
                    }
                    else
                    {
                        resource.Release();
                    }
                }
            });

            AllocError? expected = !planted ? null : bug switch
            {
                Bug.Leak => AllocError.Leak,
                Bug.DoubleRelease => AllocError.DoubleFree,
                Bug.OtherFamily => AllocError.MismatchedFree,
                Bug.Interior => AllocError.BadPtr,
                _ => null,
            };
            Assert.True(expected == info.Error, $"program {program} (seed {seed}, bug {bug}, planted {planted}): expected {expected?.ToString() ?? "OK"}, got {info}");
        }
    }

    // Plants the bug on this resource if the bug applies to its source; false when it does not.
    private static bool Plant(Bug bug, TrackedResource resource)
    {
        switch (bug)
        {
            case Bug.Leak:
                return true;
            case Bug.DoubleRelease:
                resource.Release();
                resource.Release();
                return true;
            case Bug.OtherFamily when TrackedResource.HasOtherFamily(resource.Kind):
                resource.ReleaseThroughOtherFamily();
                return true;
            case Bug.Interior when TrackedResource.HasInterior(resource.Kind):
                resource.ReleaseInterior();
                return true;
            default:
                return false;
        }
    }
}
