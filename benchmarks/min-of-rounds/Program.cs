// Best-of-rounds timing of one pair per operation, in process: raw NativeMemory, the tracked facades and the
// MockAllocator wrapper outside regions ("off") and inside one ("on"), pools and handles, and site tracing.
// Each operation's figure is its fastest round, which interference can only slow down.
using System.Diagnostics;
using System.Runtime.InteropServices;
using Mockalloc;
using Mockalloc.Tracked;

unsafe
{
    const int N = 2_000_000;
    var alloc = new MockAllocator<SystemAllocator>(default);
    var names = new[] { "raw", "native-off", "wrapper-off", "native-on", "wrapper-on", "pool-on", "handle-on", "traced-sites" };
    var best = new double[names.Length]; Array.Fill(best, double.MaxValue);
    var site1 = CallSite.Intern("a.cs", 1, "A"); var site2 = CallSite.Intern("a.cs", 2, "B");
    object target = new();
    for (int round = 0; round < 25; round++)
    {
        for (int v = 0; v < names.Length; v++)
        {
            double ns = 0;
            Action body = () =>
            {
                var sw = Stopwatch.StartNew();
                switch (v)
                {
                    case 0: for (int i = 0; i < N; i++) NativeMemory.Free(NativeMemory.Alloc(64)); break;
                    case 1: case 3: for (int i = 0; i < N; i++) TrackedNativeMemory.Free(TrackedNativeMemory.Alloc(64)); break;
                    case 2: case 4: for (int i = 0; i < N; i++) alloc.Free(alloc.Allocate(64, 8), 64, 8); break;
                    case 5: for (int i = 0; i < N; i++) TrackedArrayPool.Return(System.Buffers.ArrayPool<byte>.Shared, TrackedArrayPool.Rent(System.Buffers.ArrayPool<byte>.Shared, 64)); break;
                    case 6: for (int i = 0; i < N; i++) { var h = TrackedGCHandle.Alloc(target); TrackedGCHandle.Free(ref h); } break;
                    case 7: for (int i = 0; i < N; i++) TrackedNativeMemory.Free(TrackedNativeMemory.Alloc(64, site1), site2); break;
                }
                ns = sw.Elapsed.TotalNanoseconds / N;
            };
            if (v >= 3) Allocs.Record(body, new AllocOptions { AllowNoData = true, Tracing = v == 7 }); else body();
            best[v] = Math.Min(best[v], ns);
        }
    }
    for (int v = 0; v < names.Length; v++) Console.WriteLine($"{names[v],-14} {best[v],7:F1} ns  {best[v] / best[0],5:F2}x");
}
