namespace Mockalloc.Internal;

/// <summary>
/// Addresses of recently released large tracked blocks. A large block's pages may go back to the system
/// when it is released, so its header must never be read again: a second release of such an address is
/// answered from here instead.
/// </summary>
/// <remarks>
/// Bounded to the most recent <see cref="Capacity"/> releases (a double free of a large block released
/// longer ago than that reads its header, as for small blocks). Any new block handed out at a remembered
/// address is forgotten here at once. A counting filter of address hashes answers "certainly not here"
/// without a lock, so a lookup costs one array read while the address is not remembered.
/// </remarks>
internal static unsafe class ReleasedLargeBlocks
{
    /// <summary>How many released addresses are remembered.</summary>
    public const int Capacity = 4096;

    private const int FilterSlots = 1 << 14;
    private static readonly int[] Filter = new int[FilterSlots];
    private static readonly Lock Gate = new();
    private static readonly HashSet<nint> Addresses = new(Capacity);
    private static readonly Queue<nint> Order = new(Capacity);

    // Remembered addresses; while zero (no large tracked block was ever released) lookups cost one read.
    private static int s_count;

    /// <summary>Whether <paramref name="user"/> is a remembered released large block.</summary>
    public static bool Contains(void* user)
    {
        if (s_count == 0 || Volatile.Read(ref Filter[Slot(user)]) == 0)
        {
            return false;
        }
        lock (Gate)
        {
            return Addresses.Contains((nint)user);
        }
    }

    /// <summary>Remembers that the large block <paramref name="user"/> was released.</summary>
    public static void Add(void* user)
    {
        lock (Gate)
        {
            if (!Addresses.Add((nint)user))
            {
                return;
            }
            Interlocked.Increment(ref Filter[Slot(user)]);
            Volatile.Write(ref s_count, Addresses.Count);
            Order.Enqueue((nint)user);
            while (Order.Count > Capacity)
            {
                Forget(Order.Dequeue());
            }
        }
    }

    /// <summary>A new block now lives at <paramref name="user"/>: forget any earlier release there.</summary>
    public static void Remove(void* user)
    {
        if (s_count == 0 || Volatile.Read(ref Filter[Slot(user)]) == 0)
        {
            return;
        }
        lock (Gate)
        {
            // Its queue entry stays behind and is dropped (as already forgotten) when it reaches the front.
            Forget((nint)user);
        }
    }

    private static void Forget(nint user)
    {
        if (Addresses.Remove(user))
        {
            Interlocked.Decrement(ref Filter[Slot((void*)user)]);
            Volatile.Write(ref s_count, Addresses.Count);
        }
    }

    private static int Slot(void* user) => (int)(AllocHash.Low((ulong)user) >> 50);
}
