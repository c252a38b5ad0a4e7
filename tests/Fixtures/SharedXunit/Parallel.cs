using Fixtures;
using Xunit;

namespace XunitFixture;

// Two test classes (two collections) whose tests hold blocks at the same time (Shared/Rendezvous.cs): each region
// must see only its own test's block. Only the rerun with parallelization on runs them (FixtureRun).
public class ParallelFirst
{
    [MockallocFact]
    public void HoldsWhileTheOtherHolds() => Rendezvous.HoldWhileTheOtherHolds();

    [MockallocFact]
    public void FreesWhileTheOtherLeaks() => Rendezvous.HoldWhileTheOtherHolds();
}

public class ParallelSecond
{
    [MockallocFact]
    public void HoldsWhileTheOtherHolds() => Rendezvous.HoldWhileTheOtherHolds();

    [MockallocFact]
    public void LeaksWhileTheOtherFrees() => Rendezvous.HoldWhileTheOtherHolds(leak: true);
}
