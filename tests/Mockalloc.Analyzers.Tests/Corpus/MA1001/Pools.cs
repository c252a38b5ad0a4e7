// MA1001 corpus: ArrayPool<T>.Rent / Return and MemoryPool<T>.Rent / Dispose.
using System;
using System.Buffers;

namespace Corpus.Pools;

public sealed class CustomPool : ArrayPool<byte>
{
    public override byte[] Rent(int minimumLength) => new byte[minimumLength];

    public override void Return(byte[] array, bool clearArray = false)
    {
    }
}

public static class Leaks
{
    public static int Shared(int n)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(n); // MA1001
        return buffer.Length;
    }

    public static void Custom(CustomPool pool)
    {
        var buffer = pool.Rent(10); // MA1001
        buffer[0] = 1;
    }

    public static void Created()
    {
        ArrayPool<char> pool = ArrayPool<char>.Create();
        char[] chars = pool.Rent(10); // MA1001
        chars[0] = 'x';
    }

    public static void MemoryOwner()
    {
        IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(100); // MA1001
        owner.Memory.Span[0] = 1;
    }
}

public static class Clean
{
    public static int Shared(int n)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(n);
        try
        {
            return buffer.Length;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static void Custom(CustomPool pool)
    {
        var buffer = pool.Rent(10);
        buffer.AsSpan().Clear();
        pool.Return(buffer, clearArray: true);
    }

    public static void MemoryOwner()
    {
        using IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(100);
        owner.Memory.Span[0] = 1;
    }

    public static void MemoryOwnerConditionalAccess(bool rent)
    {
        IMemoryOwner<byte>? owner = rent ? MemoryPool<byte>.Shared.Rent(100) : null;
        owner?.Dispose();
    }
}
