using Mockalloc;

// The assembly layer of the precedence tests (see Defaults.cs): at most 3 tracked allocations per test.
[assembly: MockallocDefaults(MaxAllocations = 3)]
