// MA1001 corpus: Mockalloc.Core's tracked facades (what interceptors redirect call sites to) are tracked
// like the BCL members they stand for. Stubs with Mockalloc.Core's signatures keep the case standalone.
using System;
using System.Buffers;
using System.Runtime.InteropServices;

namespace Mockalloc.Tracked
{
    public static unsafe class TrackedNativeMemory
    {
        public static void* Alloc(nuint byteCount) => NativeMemory.Alloc(byteCount);

        public static void Free(void* ptr) => NativeMemory.Free(ptr);
    }

    public static class TrackedArrayPool
    {
        public static T[] Rent<T>(ArrayPool<T> pool, int minimumLength) => pool.Rent(minimumLength);

        public static void Return<T>(ArrayPool<T> pool, T[] array, bool clearArray = false) => pool.Return(array, clearArray);
    }

    public static class TrackedMemoryPool
    {
        public static IMemoryOwner<T> Rent<T>(MemoryPool<T> pool, int minBufferSize = -1) => pool.Rent(minBufferSize);

        public static void Dispose<T>(IMemoryOwner<T> owner) => owner.Dispose();
    }

    public static class TrackedGCHandle
    {
        public static GCHandle Alloc(object? value) => GCHandle.Alloc(value);

        public static void Free(ref GCHandle handle) => handle.Free();

        public static PinnedGCHandle<T> NewPinnedGCHandle<T>(T target) where T : class? => new(target);

        public static void Dispose<T>(ref PinnedGCHandle<T> handle) where T : class? => handle.Dispose();
    }
}

namespace Corpus.TrackedFacades
{
    using Mockalloc.Tracked;

    public static unsafe class Leaks
    {
        public static void Native()
        {
            void* p = TrackedNativeMemory.Alloc(8); // MA1001
            *(byte*)p = 1;
        }

        public static int Pool(int n)
        {
            byte[] array = TrackedArrayPool.Rent(ArrayPool<byte>.Shared, n); // MA1001
            return array.Length;
        }

        public static void Owner()
        {
            IMemoryOwner<byte> owner = TrackedMemoryPool.Rent(MemoryPool<byte>.Shared, 8); // MA1001
            owner.Memory.Span.Clear();
        }

        public static void Handle(object o)
        {
            GCHandle h = TrackedGCHandle.Alloc(o); // MA1001
            Console.WriteLine(h.Target);
        }

        public static void Pinned(byte[] data)
        {
            PinnedGCHandle<byte[]> pin = TrackedGCHandle.NewPinnedGCHandle(data); // MA1001
            Console.WriteLine(pin.Target.Length);
        }
    }

    public static unsafe class Clean
    {
        public static void Native()
        {
            void* p = TrackedNativeMemory.Alloc(8);
            TrackedNativeMemory.Free(p);
        }

        public static int Pool(int n)
        {
            byte[] array = TrackedArrayPool.Rent(ArrayPool<byte>.Shared, n);
            TrackedArrayPool.Return(ArrayPool<byte>.Shared, array);
            return n;
        }

        public static void Owner()
        {
            IMemoryOwner<byte> owner = TrackedMemoryPool.Rent(MemoryPool<byte>.Shared, 8);
            TrackedMemoryPool.Dispose(owner);
        }

        public static void Handle(object o)
        {
            GCHandle h = TrackedGCHandle.Alloc(o);
            TrackedGCHandle.Free(ref h);
        }

        public static void Pinned(byte[] data)
        {
            PinnedGCHandle<byte[]> pin = TrackedGCHandle.NewPinnedGCHandle(data);
            TrackedGCHandle.Dispose(ref pin);
        }
    }
}
