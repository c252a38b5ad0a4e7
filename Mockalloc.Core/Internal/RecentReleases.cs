namespace Mockalloc.Internal;

/// <summary>
/// The last releases a tracing region saw, by identity, for reporting a later double free against the first
/// release: a direct-mapped table (a new release evicts whatever shares its slot), so remembering costs one
/// store and no dictionary. Tables are pooled across regions: each is 4,096 slots of 112 bytes, 448 KiB.
/// </summary>
internal sealed class RecentReleases
{
    /// <summary>Slots in a table; a double free is reported with its first release while that release's slot was not reused.</summary>
    public const int Slots = 1 << Bits;

    private const int Bits = 12;
    private static readonly Stack<Slot[]> Pool = new();
    private Slot[]? _slots;

    /// <summary>Remembers a release of <paramref name="id"/>.</summary>
    public void Remember(ulong id, in RegionTracer.Event allocation, in RegionTracer.Event release, long sequence)
    {
        _slots ??= Rent();
        _slots[Index(id)] = new Slot(id, sequence, allocation, release);
    }

    /// <summary>The last release of <paramref name="id"/>, if its slot still holds it.</summary>
    public bool TryGet(ulong id, out Slot slot)
    {
        if (_slots is not null && _slots[Index(id)] is { Sequence: > 0 } found && found.Id == id)
        {
            slot = found;
            return true;
        }
        slot = default;
        return false;
    }

    /// <summary>Every release held, oldest first.</summary>
    public IEnumerable<Slot> All() =>
        _slots is null ? [] : _slots.Where(s => s.Sequence > 0).OrderBy(s => s.Sequence).ToArray();

    /// <summary>Gives the table back to the pool; the region is done with it.</summary>
    public void Release()
    {
        if (_slots is { } slots)
        {
            _slots = null;
            Array.Clear(slots);
            lock (Pool)
            {
                if (Pool.Count < 8)
                {
                    Pool.Push(slots);
                }
            }
        }
    }

    private static Slot[] Rent()
    {
        lock (Pool)
        {
            if (Pool.TryPop(out Slot[]? slots))
            {
                return slots;
            }
        }
        return new Slot[Slots];
    }

    private static int Index(ulong id) => SlotHash.Of(id, Bits);

    /// <summary>One remembered release (Sequence 0: an empty slot).</summary>
    public readonly record struct Slot(ulong Id, long Sequence, RegionTracer.Event Allocation, RegionTracer.Event Release);
}
