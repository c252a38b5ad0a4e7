using BuggyBuffers;
using BuggyBuffers.Demo;
using Mockalloc;

// Runs each method of the deliberately buggy NativeBuffer inside a Mockalloc region and prints what the
// region found. Exit code 0 when every expected bug was detected (and the correct use passed).
var allocator = new MockAllocator<QuarantineAllocator>(default);
byte[] payload = "hello, native world"u8.ToArray();

(string Scenario, AllocError? Expected, Action<NativeBuffer<MockAllocator<QuarantineAllocator>>> Use)[] scenarios =
[
    ("Append + Dispose (correct)", null, b => b.Dispose()),
    ("Reset forgets the block", AllocError.Leak, b => b.Reset()),
    ("Shrink, then Dispose", AllocError.DoubleFree, b => { b.Shrink(); b.Dispose(); }),
    ("DisposeByLength", AllocError.BadSize, b => b.DisposeByLength()),
    ("DisposeUnaligned", AllocError.BadAlignment, b => b.DisposeUnaligned()),
    ("DisposeAfterHeader", AllocError.BadPtr, b => b.DisposeAfterHeader()),
    ("nothing tracked", AllocError.NoData, _ => { }),
];

int mismatches = 0;
foreach ((string scenario, AllocError? expected, var use) in scenarios)
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
    });
    bool asExpected = info.Error == expected;
    mismatches += asExpected ? 0 : 1;
    Console.WriteLine($"{(asExpected ? "ok  " : "FAIL")} {scenario,-28} -> {info}");
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
