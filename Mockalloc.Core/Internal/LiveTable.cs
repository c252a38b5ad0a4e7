using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Mockalloc.Internal;

/// <summary>
/// An exact table of live tracked resources whose identity is not a header we control (GC handles, BSTRs,
/// rented arrays): what the tracked facades consult to tell a valid release from a double or foreign one
/// before anything reaches the runtime. Striped locks keep parallel tests from contending; dictionaries
/// reuse their entry arrays, so steady use allocates nothing.
/// </summary>
/// <typeparam name="TKey">The identity: an address, or an object compared by reference.</typeparam>
/// <typeparam name="TValue">What the table remembers about a live resource.</typeparam>
internal sealed class LiveTable<TKey, TValue>
    where TKey : notnull
{
    private const int Stripes = 16;
    private const int InitialCapacity = 8;
    private readonly Lock[] _locks = new Lock[Stripes];
    private readonly Dictionary<TKey, TValue>[] _maps = new Dictionary<TKey, TValue>[Stripes];
    private readonly IEqualityComparer<TKey> _comparer;
    private int _count;

    public LiveTable(IEqualityComparer<TKey> comparer)
    {
        _comparer = comparer;
        for (int i = 0; i < Stripes; i++)
        {
            _locks[i] = new Lock();
            _maps[i] = new Dictionary<TKey, TValue>(InitialCapacity, comparer);
        }
    }

    /// <summary>Whether the table holds nothing: one read, no lock.</summary>
    public bool IsEmpty => Volatile.Read(ref _count) == 0;

    /// <summary>Enters a live resource (replacing a stale entry with the same identity).</summary>
    public void Add(TKey key, TValue value)
    {
        int stripe = Stripe(key);
        lock (_locks[stripe])
        {
            Dictionary<TKey, TValue> map = _maps[stripe];
            if (map.Count == map.Capacity)
            {
                // Growing the map is the tracker's own memory, never the region's.
                using RegionFlow.TrackerWork work = RegionFlow.StartTrackerWork();
                map.EnsureCapacity(map.Count * 2);
            }
            if (map.TryAdd(key, value))
            {
                Interlocked.Increment(ref _count);
            }
            else
            {
                _maps[stripe][key] = value;
            }
        }
    }

    /// <summary>Removes a live resource; false when it is not live.</summary>
    public bool TryRemove(TKey key, out TValue value)
    {
        int stripe = Stripe(key);
        lock (_locks[stripe])
        {
            if (_maps[stripe].Remove(key, out value!))
            {
                Interlocked.Decrement(ref _count);
                return true;
            }
            return false;
        }
    }

    /// <summary>
    /// Finds a live resource and, under its stripe's lock, replaces its value with
    /// <paramref name="update"/>(value, <paramref name="state"/>); false when it is not live.
    /// </summary>
    public bool TryUpdate<TState>(TKey key, TState state, Func<TValue, TState, TValue> update, out TValue previous)
    {
        int stripe = Stripe(key);
        lock (_locks[stripe])
        {
            ref TValue slot = ref CollectionsMarshal.GetValueRefOrNullRef(_maps[stripe], key);
            if (Unsafe.IsNullRef(ref slot))
            {
                previous = default!;
                return false;
            }
            previous = slot;
            slot = update(slot, state);
            return true;
        }
    }

    /// <summary>
    /// Removes a live resource when <paramref name="predicate"/>(value, <paramref name="state"/>) holds, under
    /// its stripe's lock; false when it is not live or the predicate kept it (<paramref name="found"/> tells which).
    /// </summary>
    public bool TryRemoveWhere<TState>(TKey key, TState state, Func<TValue, TState, bool> predicate, out TValue value, out bool found)
    {
        int stripe = Stripe(key);
        lock (_locks[stripe])
        {
            Dictionary<TKey, TValue> map = _maps[stripe];
            found = map.TryGetValue(key, out value!);
            if (!found || !predicate(value, state))
            {
                return false;
            }
            map.Remove(key);
            Interlocked.Decrement(ref _count);
            return true;
        }
    }

    /// <summary>Whether a resource is live.</summary>
    public bool Contains(TKey key)
    {
        int stripe = Stripe(key);
        lock (_locks[stripe])
        {
            return _maps[stripe].ContainsKey(key);
        }
    }

    private int Stripe(TKey key) => (int)((uint)_comparer.GetHashCode(key) % Stripes);
}
