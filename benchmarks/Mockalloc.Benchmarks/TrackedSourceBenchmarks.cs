using System.Buffers;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using Mockalloc.Tracked;

namespace Mockalloc.Benchmarks;

/// <summary><c>NativeMemory.Alloc(64)</c> + <c>Free</c>.</summary>
public unsafe class NativeMemoryPair : RegionBenchmarkBase
{
    [Benchmark(Baseline = true)]
    public void Raw() => NativeMemory.Free(NativeMemory.Alloc(64));

    [Benchmark(Description = "TrackedNativeMemory pair")]
    public void Tracked() => TrackedNativeMemory.Free(TrackedNativeMemory.Alloc(64));
}

/// <summary><c>NativeMemory.AlignedAlloc(64, 64)</c> + <c>AlignedFree</c>.</summary>
public unsafe class AlignedPair : RegionBenchmarkBase
{
    [Benchmark(Baseline = true)]
    public void Raw() => NativeMemory.AlignedFree(NativeMemory.AlignedAlloc(64, 64));

    [Benchmark(Description = "TrackedNativeMemory aligned pair")]
    public void Tracked() => TrackedNativeMemory.AlignedFree(TrackedNativeMemory.AlignedAlloc(64, 64));
}

/// <summary><c>Marshal.AllocHGlobal(64)</c> + <c>FreeHGlobal</c>.</summary>
public class HGlobalPair : RegionBenchmarkBase
{
    [Benchmark(Baseline = true)]
    public void Raw() => Marshal.FreeHGlobal(Marshal.AllocHGlobal(64));

    [Benchmark(Description = "TrackedMarshal HGlobal pair")]
    public void Tracked() => TrackedMarshal.FreeHGlobal(TrackedMarshal.AllocHGlobal(64));
}

/// <summary><c>Marshal.AllocCoTaskMem(64)</c> + <c>FreeCoTaskMem</c>.</summary>
public class CoTaskMemPair : RegionBenchmarkBase
{
    [Benchmark(Baseline = true)]
    public void Raw() => Marshal.FreeCoTaskMem(Marshal.AllocCoTaskMem(64));

    [Benchmark(Description = "TrackedMarshal CoTaskMem pair")]
    public void Tracked() => TrackedMarshal.FreeCoTaskMem(TrackedMarshal.AllocCoTaskMem(64));
}

/// <summary><c>GCHandle.Alloc</c> + <c>Free</c>.</summary>
public class GCHandlePair : RegionBenchmarkBase
{
    private readonly object _target = new();

    [Benchmark(Baseline = true)]
    public void Raw() => GCHandle.Alloc(_target).Free();

    [Benchmark(Description = "TrackedGCHandle pair")]
    public void Tracked()
    {
        GCHandle handle = TrackedGCHandle.Alloc(_target);
        TrackedGCHandle.Free(ref handle);
    }
}

/// <summary><c>ArrayPool&lt;byte&gt;.Shared.Rent(64)</c> + <c>Return</c>.</summary>
public class ArrayPoolPair : RegionBenchmarkBase
{
    [Benchmark(Baseline = true)]
    public void Raw() => ArrayPool<byte>.Shared.Return(ArrayPool<byte>.Shared.Rent(64));

    [Benchmark(Description = "TrackedArrayPool pair")]
    public void Tracked() => TrackedArrayPool.Return(ArrayPool<byte>.Shared, TrackedArrayPool.Rent(ArrayPool<byte>.Shared, 64));
}

/// <summary><c>MemoryPool&lt;byte&gt;.Shared.Rent(64)</c> + <c>Dispose</c>.</summary>
public class MemoryPoolPair : RegionBenchmarkBase
{
    [Benchmark(Baseline = true)]
    public void Raw() => MemoryPool<byte>.Shared.Rent(64).Dispose();

    [Benchmark(Description = "TrackedMemoryPool pair")]
    public void Tracked() => TrackedMemoryPool.Rent(MemoryPool<byte>.Shared, 64).Dispose();
}
