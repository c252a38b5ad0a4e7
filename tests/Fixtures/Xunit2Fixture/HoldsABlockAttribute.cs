using System.Reflection;
using Fixtures;
using Xunit.Sdk;

namespace XunitFixture;

// Used by SharedXunit/Lifecycle.cs (BeforeAndAfter): allocates in Before, frees in After.
public sealed class HoldsABlockAttribute : BeforeAfterTestAttribute
{
    private nint _block;

    public override void Before(MethodInfo methodUnderTest) => _block = Blocks.Allocate();

    public override void After(MethodInfo methodUnderTest) => Blocks.Free(_block);
}
