using System.Runtime.InteropServices;
using Mockalloc;
using Mockalloc.Tracked;

// Usage: Mockalloc.CrashScenarios <scenario>. Prints "verdict: <error or OK>" and exits 0 when the process
// survives. The raw-* scenarios do the same through the BCL, to show that they do kill the process.
if (args.Length != 1 || !Scenarios.All.TryGetValue(args[0], out Action? scenario))
{
    Console.Error.WriteLine($"usage: Mockalloc.CrashScenarios <{string.Join("|", Scenarios.All.Keys)}>");
    return 2;
}
if (args[0] == "fresh-process-pool-pair")
{
    System.Buffers.ArrayPool<byte>.Shared.Return(System.Buffers.ArrayPool<byte>.Shared.Rent(64));   // the pool's own first array, outside the region
}
AllocInfo info = Allocs.Record(scenario);
Console.WriteLine($"verdict: {info.Error?.ToString() ?? "OK"}");
Console.WriteLine($"managed: {info.ManagedBytesAllocated}");
return 0;

internal static unsafe class Scenarios
{
    public static readonly Dictionary<string, Action> All = new()
    {
        ["native-double-free"] = () => Twice(TrackedNativeMemory.Alloc(64), p => TrackedNativeMemory.Free((void*)p)),
        ["native-double-free-large"] = () => Twice(TrackedNativeMemory.Alloc(8 << 20), p => TrackedNativeMemory.Free((void*)p)),
        ["aligned-double-free"] = () => Twice(TrackedNativeMemory.AlignedAlloc(64, 64), p => TrackedNativeMemory.AlignedFree((void*)p)),
        ["native-interior-pointer"] = () => TrackedNativeMemory.Free((byte*)TrackedNativeMemory.Alloc(64) + 16),
        ["aligned-freed-by-free"] = () => TrackedNativeMemory.Free(TrackedNativeMemory.AlignedAlloc(64, 256)),
        ["hglobal-double-free"] = () => Twice((void*)TrackedMarshal.AllocHGlobal(64), p => TrackedMarshal.FreeHGlobal(p)),
        ["cotaskmem-double-free"] = () => Twice((void*)TrackedMarshal.AllocCoTaskMem(64), p => TrackedMarshal.FreeCoTaskMem(p)),
        ["bstr-double-free"] = () => Twice((void*)TrackedMarshal.StringToBSTR("text"), p => TrackedMarshal.FreeBSTR(p)),
        ["gchandle-double-free"] = () =>
        {
            GCHandle handle = TrackedGCHandle.Alloc(new object());
            GCHandle copy = handle;
            TrackedGCHandle.Free(ref handle);
            TrackedGCHandle.Free(ref copy);
        },
        ["native-realloc-after-free"] = () =>
        {
            void* p = TrackedNativeMemory.Alloc(64);
            TrackedNativeMemory.Free(p);
            TrackedNativeMemory.Free(TrackedNativeMemory.Realloc(p, 128));   // the moved-to block is fine
        },
        ["hglobal-zerofree-twice"] = () => Twice((void*)TrackedMarshal.StringToHGlobalUni("secret"), p => TrackedMarshal.ZeroFreeGlobalAllocUnicode(p)),
        ["hglobal-interior-pointer"] = () => TrackedMarshal.FreeHGlobal(TrackedMarshal.AllocHGlobal(64) + 24),
        ["cotaskmem-interior-pointer"] = () => TrackedMarshal.FreeCoTaskMem(TrackedMarshal.AllocCoTaskMem(64) + 24),
        ["native-foreign-pointer"] = () =>
        {
            byte* stack = stackalloc byte[64];
            TrackedNativeMemory.Alloc(8);   // leaked, so the foreign release balances the counts
            TrackedNativeMemory.Free(stack + 32);
        },
        ["fresh-process-pool-pair"] = () =>
        {
            // The first tracked return of a process: the quarantine, its returner and the table's
            // delegates are the tracker's own memory. (The pool was warmed outside, in Main.)
            byte[] array = TrackedArrayPool.Rent(System.Buffers.ArrayPool<byte>.Shared, 64);
            TrackedArrayPool.Return(System.Buffers.ArrayPool<byte>.Shared, array);
        },
        ["fresh-process-traced-loop"] = () =>
        {
            // The first region of a process: the tracker's own tables must not be charged to it.
            for (int i = 0; i < 10; i++)
            {
                void* row = TrackedNativeMemory.Alloc(32, CallSite.Here());
                if (i != 7)
                {
                    TrackedNativeMemory.Free(row, CallSite.Here());
                }
            }
        },
        ["raw-native-double-free"] = () => Twice(NativeMemory.Alloc(64), p => NativeMemory.Free((void*)p)),
        ["raw-native-interior-pointer"] = () => NativeMemory.Free((byte*)NativeMemory.Alloc(64) + 16),
        ["raw-hglobal-double-free"] = () => Twice((void*)Marshal.AllocHGlobal(64), p => Marshal.FreeHGlobal(p)),
        ["raw-native-realloc-after-free"] = () =>
        {
            void* p = NativeMemory.Alloc(64);
            NativeMemory.Free(p);
            NativeMemory.Free(NativeMemory.Realloc(p, 128));
        },
        ["raw-native-foreign-pointer"] = () =>
        {
            byte* stack = stackalloc byte[64];
            NativeMemory.Free(stack + 32);
        },
    };

    private static void Twice(void* block, Action<nint> release)
    {
        release((nint)block);
        // Churn the allocator between the two releases, as a real program would.
        for (int i = 0; i < 100; i++)
        {
            NativeMemory.Free(NativeMemory.Alloc((nuint)(16 * (i + 1))));
        }
        release((nint)block);
    }
}
