using Mockalloc.Core.Tests.Support;
using Mockalloc.Internal;

namespace Mockalloc.Core.Tests;

/// <summary>
/// The engine classifies like an exact reference model over a million random buggy sequences. The only
/// allowed difference is the documented 2^-128 hash collision, which a million samples will not meet.
/// </summary>
public sealed class DifferentialTests
{
    private const int Sequences = 1_000_000;

    [Fact]
    public void The_engine_agrees_with_the_reference_on_a_million_random_sequences()
    {
        var random = new Random(20261122);
        var reference = new ReferenceModel();
        var events = new List<AllocEvent>(128);
        var seen = new HashSet<AllocError?>();
        for (int i = 0; i < Sequences; i++)
        {
            EventSequence.Generate(random, events);
            AllocError? expected = reference.Classify(events);
            AllocError? actual = Engine.Run(events).Classify();
            if (expected != actual)
            {
                Assert.Fail($"Sequence {i}: reference {expected?.ToString() ?? "OK"}, engine {actual?.ToString() ?? "OK"}:\n{string.Join("\n", events)}");
            }
            seen.Add(expected);
        }

        // The generator must have exercised every verdict, or the agreement proves little.
        AllocError?[] verdicts = [null, AllocError.NoData, AllocError.Leak, AllocError.DoubleFree, AllocError.BadPtr, AllocError.MismatchedFree, AllocError.BadSize, AllocError.BadAlignment, AllocError.BadLayout];
        Assert.All(verdicts, v => Assert.Contains(v, seen));
    }

    [Fact]
    public void Sequences_recorded_through_real_regions_agree_with_the_reference()
    {
        var random = new Random(7);
        var reference = new ReferenceModel();
        var events = new List<AllocEvent>(128);
        for (int i = 0; i < 10_000; i++)
        {
            EventSequence.Generate(random, events);
            AllocInfo info = Allocs.Record(() => Replay(events), new AllocOptions { Tracing = false });
            Assert.Equal(reference.Classify(events), info.Error);
        }
    }

    [Fact]
    public void Tracing_never_changes_a_verdict()
    {
        var random = new Random(11);
        var reference = new ReferenceModel();
        var events = new List<AllocEvent>(128);
        AllocOptions tracing = new() { Tracing = true }, plain = new() { Tracing = false };
        for (int i = 0; i < 10_000; i++)
        {
            EventSequence.Generate(random, events);
            AllocInfo traced = Allocs.Record(() => Replay(events), tracing);
            AllocInfo untraced = Allocs.Record(() => Replay(events), plain);
            Assert.Equal(reference.Classify(events), traced.Error);
            Assert.Equal(untraced.Error, traced.Error);
            Assert.NotNull(traced.Trace);
            Assert.Null(untraced.Trace);
            Assert.True(Explains(traced.Trace, traced.Error), $"sequence {i}: the trace does not show the {traced.Error} the engine found:\n{string.Join("\n", events)}");
        }
    }

    // Every failing verdict has a bug in the trace that accounts for it. The trace pairs releases with
    // allocations in order, the engine compares multisets, so the trace may name a different class (a
    // release of p before p was allocated is a bad pointer and a leak to the trace, a mismatched free to
    // the engine when the tuples differ only in family); but it is never empty when the verdict fails,
    // and a count imbalance always shows as such.
    private static bool Explains(AllocTrace trace, AllocError? verdict) => verdict switch
    {
        null or AllocError.NoData => true,
        AllocError.Leak => trace.Leaks.Count > 0,
        AllocError.DoubleFree => trace.Errors.Any(e => e.Kind is AllocError.DoubleFree or AllocError.BadPtr),
        _ => trace.Errors.Count > 0 || trace.Leaks.Count > 0,
    };

    private static void Replay(List<AllocEvent> events)
    {
        foreach (AllocEvent e in events)
        {
            if (e.IsAlloc)
            {
                RegionFlow.OnAlloc(e.Id, e.Size, e.Alignment, (AllocFamily)e.Family);
            }
            else
            {
                RegionFlow.OnFree(e.Id, e.Size, e.Alignment, (AllocFamily)e.Family);
            }
        }
    }

    [Theory]
    [InlineData("Ptr")]
    [InlineData("PtrSize")]
    [InlineData("PtrAlign")]
    [InlineData("PtrFamily")]
    public void The_comparison_fails_when_a_channel_is_broken(string channel)
    {
        // Proof that the differential test can fail: silence one channel and the engine must disagree.
        var random = new Random(1);
        var reference = new ReferenceModel();
        var events = new List<AllocEvent>(128);
        int disagreements = 0;
        for (int i = 0; i < 20_000; i++)
        {
            EventSequence.Generate(random, events);
            AllocAccumulator broken = Engine.Run(events);
            switch (channel)
            {
                case "Ptr": broken.Ptr = 0; break;
                case "PtrSize": broken.PtrSize = 0; break;
                case "PtrAlign": broken.PtrAlign = 0; break;
                default: broken.PtrFamily = 0; break;
            }
            if (broken.Classify() != reference.Classify(events))
            {
                disagreements++;
            }
        }
        Assert.True(disagreements > 0, $"silencing {channel} went unnoticed");
    }
}
