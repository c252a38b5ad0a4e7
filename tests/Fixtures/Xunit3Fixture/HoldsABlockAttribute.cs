using System.Reflection;
using Fixtures;
using Xunit.v3;

namespace XunitFixture;

// Used by SharedXunit/Lifecycle.cs (BeforeAndAfter): allocates in Before, frees in After.
public sealed class HoldsABlockAttribute : BeforeAfterTestAttribute
{
    private nint _block;

    public override void Before(MethodInfo methodUnderTest, IXunitTest test) => _block = Blocks.Allocate();

    public override void After(MethodInfo methodUnderTest, IXunitTest test) => Blocks.Free(_block);
}
