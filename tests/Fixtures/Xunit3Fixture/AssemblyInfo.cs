using Mockalloc;
using Xunit;

// The assembly layer of the precedence tests (see Defaults.cs): at most 3 tracked allocations per test.
[assembly: MockallocDefaults(MaxAllocations = 3)]

// Holds a block for the whole run (AssemblyFixture.cs).
[assembly: AssemblyFixture(typeof(XunitFixture.HeldForTheAssembly))]
