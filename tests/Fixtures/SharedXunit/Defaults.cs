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
