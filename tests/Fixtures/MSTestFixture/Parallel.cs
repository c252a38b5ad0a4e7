using Fixtures;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace MSTestFixture;

// Two test classes whose tests hold blocks at the same time (Shared/Rendezvous.cs): each region must see only its
// own test's block. Only the rerun with class-level parallelization on runs them (FixtureRun).
[TestClass]
public class ParallelFirst
{
    [MockallocTestMethod]
    public void HoldsWhileTheOtherHolds() => Rendezvous.HoldWhileTheOtherHolds();

    [MockallocTestMethod]
    public void FreesWhileTheOtherLeaks() => Rendezvous.HoldWhileTheOtherHolds();
}

[TestClass]
public class ParallelSecond
{
    [MockallocTestMethod]
    public void HoldsWhileTheOtherHolds() => Rendezvous.HoldWhileTheOtherHolds();

    [MockallocTestMethod]
    public void LeaksWhileTheOtherFrees() => Rendezvous.HoldWhileTheOtherHolds(leak: true);
}
