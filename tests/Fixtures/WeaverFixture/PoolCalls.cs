using System.Buffers;

namespace WeaverFixture;

/// <summary>Array and memory pools, shared, created and derived.</summary>
public static class PoolCalls
{
    public static void RentReturn()
    {
        byte[] array = ArrayPool<byte>.Shared.Rent(16);
        ArrayPool<byte>.Shared.Return(array);
    }

    public static void RentLeak()
    {
        ArrayPool<byte>.Shared.Rent(16);
    }

    public static void ReturnTwice()
    {
        char[] array = ArrayPool<char>.Shared.Rent(16);
        ArrayPool<char>.Shared.Return(array);
        ArrayPool<char>.Shared.Return(array);
    }

    public static void ReturnToAnotherPool()
    {
        ArrayPool<int> other = ArrayPool<int>.Create();
        int[] array = ArrayPool<int>.Shared.Rent(16);
        other.Return(array);
    }

    public static void GenericRentReturn<T>()
    {
        T[] array = ArrayPool<T>.Shared.Rent(4);
        ArrayPool<T>.Shared.Return(array);
    }

    public static void OwnerPair()
    {
        using IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(16);
        owner.Memory.Span[0] = 1;
    }

    public static void OwnerRentedAndDisposedAtOnce() => MemoryPool<byte>.Shared.Rent(16).Dispose();

    public static void OwnerLeak()
    {
        IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(16);
        GC.KeepAlive(owner);
    }

    /// <summary>A derived pool whose Rent calls base.Rent: only the outer call is tracked against it.</summary>
    public static void DerivedPool()
    {
        var pool = new LoggingPool();
        byte[] array = pool.Rent(8);
        pool.Return(array);
    }

    /// <summary>A pool that makes its own arrays.</summary>
    public class MakingPool : ArrayPool<byte>
    {
        public override byte[] Rent(int minimumLength) => new byte[minimumLength];

        public override void Return(byte[] array, bool clearArray = false)
        {
        }
    }

    /// <summary>Derives again and calls base.Rent, which the weaver leaves alone.</summary>
    public sealed class LoggingPool : MakingPool
    {
        public int Rents { get; private set; }

        public override byte[] Rent(int minimumLength)
        {
            Rents++;
            return base.Rent(minimumLength);
        }
    }
}
