using Fixtures;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Mockalloc;

namespace MSTestFixture;

// The assembly sets MaxAllocations = 3 (AssemblyInfo.cs).
[TestClass]
public class AssemblyBudget
{
    [MockallocTestMethod]
    public void AllocatesFour() => Blocks.AllocateAndFree(4);

    [MockallocTestMethod]
    public void AllocatesThree() => Blocks.AllocateAndFree(3);

    [MockallocTestMethod(MaxAllocations = 10)]
    public void MethodRaisesBudget() => Blocks.AllocateAndFree(4);

    [MockallocTestMethod(MaxAllocations = -1)]
    public void MethodRemovesBudget() => Blocks.AllocateAndFree(4);
}

[TestClass]
[MockallocDefaults(AllowNoData = true, MaxAllocations = -1)]
public class ClassDefaults
{
    [MockallocTestMethod]
    public void AllocatesNothing()
    {
    }

    [MockallocTestMethod]
    public void AllocatesFour() => Blocks.AllocateAndFree(4);

    [MockallocTestMethod(AllowNoData = false)]
    public void MethodForbidsNoData()
    {
    }
}

// Budgets a test sets itself; each test frees what it allocates, so only the budget can fail it.
[TestClass]
public class Budgets
{
    [MockallocTestMethod(MaxPeakBytes = 100)]
    public void HoldsTwoBlocksAtOnce() => Blocks.HoldTwoAtOnce();

    [MockallocTestMethod(MaxPeakBytes = 128)]
    public void HoldsTwoBlocksWithinBudget() => Blocks.HoldTwoAtOnce();

    [MockallocTestMethod(MaxManagedBytes = 100_000)]
    public void AllocatesManagedMemory() => Blocks.AllocateManagedAndFree(200_000);
}
