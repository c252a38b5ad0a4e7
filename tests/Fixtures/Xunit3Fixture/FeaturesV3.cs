using Fixtures;
using Xunit;

namespace XunitFixture;

// Features only xUnit v3 has; the rest of the class is SharedXunit/Features.cs.
public partial class Features
{
    [MockallocFact(Explicit = true)]
    public void ExplicitOnly() => Blocks.Allocate();

    [MockallocFact]
    public void SkipsDynamically() => Assert.Skip("skipped at run time");
}
