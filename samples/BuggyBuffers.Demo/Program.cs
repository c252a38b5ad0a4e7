using BuggyBuffers;
using BuggyBuffers.Demo;
using Mockalloc;

// Runs each method of the deliberately buggy NativeBuffer inside a Mockalloc region and prints what the
// region found. Exit code 0 when every expected bug was detected (and the correct use passed).
var allocator = new MockAllocator<QuarantineAllocator>(default);
byte[] payload = "hello, native world"u8.ToArray();

// A budget of two allocations: three appends take one allocation and two reallocations.
var twoAllocations = new AllocOptions { MaxAllocations = 2 };

(string Scenario, AllocError? Expected, Action<NativeBuffer<MockAllocator<QuarantineAllocator>>> Use, AllocOptions? Options)[] scenarios =
[
    ("Append + Dispose (correct)", null, b => b.Dispose(), null),
    ("Reset forgets the block", AllocError.Leak, b => b.Reset(), null),
    ("Shrink, then Dispose", AllocError.DoubleFree, b => { b.Shrink(); b.Dispose(); }, null),
    ("DisposeByLength", AllocError.BadSize, b => b.DisposeByLength(), null),
    ("DisposeUnaligned", AllocError.BadAlignment, b => b.DisposeUnaligned(), null),
    ("DisposeAsBytes", AllocError.BadLayout, b => b.DisposeAsBytes(), null),
    ("DisposeAfterHeader", AllocError.BadPtr, b => b.DisposeAfterHeader(), null),
    ("DisposeWithNativeMemoryFree", AllocError.MismatchedFree, b => b.DisposeWithNativeMemoryFree(), null),
    ("correct, over a budget", AllocError.OverBudget, b => b.Dispose(), twoAllocations),
    ("nothing tracked", AllocError.NoData, _ => { }, null),
];

int mismatches = 0;
foreach ((string scenario, AllocError? expected, var use, AllocOptions? options) in scenarios)
{
    AllocInfo info = Allocs.Record(() =>
    {
        if (expected != AllocError.NoData)
        {
            var buffer = new NativeBuffer<MockAllocator<QuarantineAllocator>>(allocator);
            for (int i = 0; i < 3; i++)
            {
                buffer.Append(payload); // 19, 38, then 57 bytes in a 76-byte block
            }
            use(buffer);
        }
    }, options);
    bool asExpected = info.Error == expected;
    mismatches += asExpected ? 0 : 1;
    Console.WriteLine($"{(asExpected ? "ok  " : "FAIL")} {scenario,-30} -> {info}");
}

Console.WriteLine();
try
{
    Allocs.Assert(() => new NativeBuffer<MockAllocator<QuarantineAllocator>>(allocator).Append(payload));
}
catch (AllocException e)
{
    Console.WriteLine("What a failing test prints:");
    Console.WriteLine(e.Message);
}
return mismatches == 0 ? 0 : 1;
