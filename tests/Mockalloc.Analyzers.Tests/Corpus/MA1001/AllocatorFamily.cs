// MA1001 corpus: the Rust-style allocator abstraction of Mockalloc.Core, which reports failure with null.
// The interface is declared here as Mockalloc.Core declares it, so the case compiles on its own.
namespace Mockalloc
{
    public unsafe interface INativeAllocator
    {
        void* Allocate(nuint size, nuint alignment);

        void Free(void* ptr, nuint size, nuint alignment);

        void* Reallocate(void* ptr, nuint oldSize, nuint alignment, nuint newSize);

        void* AllocateZeroed(nuint size, nuint alignment);
    }
}

namespace Corpus.AllocatorFamily
{
    public static unsafe class Cases
    {
        public static bool NullCheckedThenFreed<TAllocator>(TAllocator allocator, nuint size)
            where TAllocator : Mockalloc.INativeAllocator
        {
            void* p = allocator.Allocate(size, 8);
            if (p == null)
            {
                return false;
            }

            allocator.Free(p, size, 8);
            return true;
        }

        public static void NullCheckedThenForgotten<TAllocator>(TAllocator allocator)
            where TAllocator : Mockalloc.INativeAllocator
        {
            void* p = allocator.AllocateZeroed(16, 8); // MA1001
            if (p == null)
            {
                return;
            }

            *(byte*)p = 1;
        }

        public static void Grown(Mockalloc.INativeAllocator allocator)
        {
            void* p = allocator.Allocate(16, 8);
            void* q = allocator.Reallocate(p, 16, 8, 64);
            allocator.Free(q, 64, 8);
        }
    }
}
