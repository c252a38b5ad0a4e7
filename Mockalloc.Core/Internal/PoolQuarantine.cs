namespace Mockalloc.Internal;

/// <summary>
/// A region's arrays that were returned to their pool but are not given back yet, so that a stale second
/// return cannot make the pool hand one array to two renters.
/// </summary>
/// <remarks>
/// <para>The bug it guards against: renter A returns an array, renter B rents it again at once (pools hand
/// out the most recently returned array first), then A returns it a second time; the pool now holds an
/// array that B still uses, and the next renter shares it with B. A table of rented arrays cannot tell
/// A's stale return from B's real one: it is the same array. Holding each returned array back until
/// <see cref="Depth"/> later returns have happened (or the region ends) means B gets another array, and
/// A's second return meets an array that is known to be returned: a DoubleFree, kept from the pool.</para>
/// <para>The cost: the pool makes up to <see cref="Depth"/> more arrays per size than it would otherwise,
/// counted in the region's <c>ManagedBytesAllocated</c> the first time; a stale return later than
/// <see cref="Depth"/> returns is not caught. Debug heaps delay the reuse of freed blocks the same way.</para>
/// </remarks>
internal sealed class PoolQuarantine
{
    /// <summary>How many returned arrays a region holds back.</summary>
    public const int Depth = 16;

    private readonly Lock _lock = new();
    private readonly QuarantinedArray[] _held = new QuarantinedArray[Depth];
    private int _next;
    private bool _closed;

    /// <summary>
    /// Holds <paramref name="array"/> back; releases (through <see cref="ArrayRentals.Release"/>) the one it
    /// pushes out, or <paramref name="array"/> itself when the region has ended.
    /// </summary>
    public void Hold(in QuarantinedArray array)
    {
        QuarantinedArray released;
        lock (_lock)
        {
            if (_closed)
            {
                released = array;
            }
            else
            {
                released = _held[_next];
                _held[_next] = array;
                _next = (_next + 1) % Depth;
            }
        }
        if (released.Array is not null)
        {
            ArrayRentals.Release(released);
        }
    }

    /// <summary>The region has ended: releases every array held; later ones are released at once.</summary>
    public void Close()
    {
        QuarantinedArray[] held;
        lock (_lock)
        {
            _closed = true;
            held = (QuarantinedArray[])_held.Clone();
            Array.Clear(_held);
        }
        foreach (QuarantinedArray array in held)
        {
            if (array.Array is not null)
            {
                ArrayRentals.Release(array);
            }
        }
    }
}

/// <summary>A returned array waiting in a <see cref="PoolQuarantine"/>.</summary>
/// <param name="Array">The array.</param>
/// <param name="Pool">The pool it goes back to (the one that rented it).</param>
/// <param name="Returner">How to give it back.</param>
/// <param name="Id">Its rental's identity.</param>
internal readonly record struct QuarantinedArray(Array Array, object Pool, PoolReturner Returner, ulong Id);
