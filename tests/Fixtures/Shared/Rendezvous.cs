namespace Fixtures;

/// <summary>
/// Makes the tests of two classes overlap: each holds a tracked block while it waits here for a test of the
/// other class, so two regions are open at once. Used by the Parallel* classes, which only the rerun with
/// parallelization on runs: run one at a time, each would wait in vain.
/// </summary>
public static class Rendezvous
{
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(20);
    private static readonly Barrier s_pair = new(2);

    /// <summary>Acquires a block, waits until the other class's test holds its own, then frees it or (<paramref name="leak"/>) not.</summary>
    /// <exception cref="TimeoutException">No test of the other class arrived in time: the tests did not run in parallel.</exception>
    public static void HoldWhileTheOtherHolds(bool leak = false)
    {
        nint block = Blocks.Allocate();
        if (!s_pair.SignalAndWait(s_patience))
        {
            throw new TimeoutException($"No test of the other Parallel* class held a block within {s_patience.TotalSeconds} s: the tests did not run in parallel.");
        }
        if (!leak)
        {
            Blocks.Free(block);
        }
    }
}
