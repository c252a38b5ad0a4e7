using Fixtures;
using Mockalloc;
using Xunit;

namespace XunitFixture;

// The assembly sets MaxAllocations = 3 (AssemblyInfo.cs).
public class AssemblyBudget
{
    [MockallocFact]
    public void AllocatesFour() => Blocks.AllocateAndFree(4);

    [MockallocFact]
    public void AllocatesThree() => Blocks.AllocateAndFree(3);

    [MockallocFact(MaxAllocations = 10)]
    public void MethodRaisesBudget() => Blocks.AllocateAndFree(4);

    [MockallocFact(MaxAllocations = -1)]
    public void MethodRemovesBudget() => Blocks.AllocateAndFree(4);
}

[MockallocDefaults(AllowNoData = true, MaxAllocations = -1)]
public class ClassDefaults
{
    [MockallocFact]
    public void AllocatesNothing()
    {
    }

    [MockallocFact]
    public void AllocatesFour() => Blocks.AllocateAndFree(4);

    [MockallocFact(AllowNoData = false)]
    public void MethodForbidsNoData()
    {
    }
}

// Budgets a test sets itself; each test frees what it allocates, so only the budget can fail it.
public class Budgets
{
    [MockallocFact(MaxPeakBytes = 100)]
    public void HoldsTwoBlocksAtOnce() => Blocks.HoldTwoAtOnce();

    [MockallocFact(MaxPeakBytes = 128)]
    public void HoldsTwoBlocksWithinBudget() => Blocks.HoldTwoAtOnce();

    [MockallocFact(MaxManagedBytes = 100_000)]
    public void AllocatesManagedMemory() => Blocks.AllocateManagedAndFree(200_000);
}
