using Mockalloc;
using Xunit;

// The assembly layer of the precedence tests (see Defaults.cs): at most 3 tracked allocations per test.
[assembly: MockallocDefaults(MaxAllocations = 3)]

// xUnit v2 enforces Timeout only when tests do not run in parallel.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
