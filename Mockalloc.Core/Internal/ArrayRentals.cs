namespace Mockalloc.Internal;

/// <summary>
/// The exact table behind <c>TrackedArrayPool</c>: each array rented inside a region, from its rent until
/// it leaves its region's <see cref="PoolQuarantine"/> (or is returned outside every region).
/// </summary>
internal static class ArrayRentals
{
    private static readonly LiveTable<object, Rental> Table = new(ReferenceEqualityComparer.Instance);

    // Made with the class (which regions warm up before they begin), not on first use: a lambda's cached
    // delegate is allocated the first time it runs, and that would be charged to a region.
    private static readonly Func<Rental, int, Rental> MarkAsReturned = static (r, _) => r with { Returned = true };
    private static readonly Func<Rental, int, bool> IsNotReturned = static (r, _) => !r.Returned;
    private static readonly Func<Rental, ulong, bool> IsHeldRental = static (r, id) => r.Returned && r.Id == id;

    /// <summary>Whether no array is tracked at all: then untracked returns cost one read.</summary>
    public static bool IsEmpty => Table.IsEmpty;

    /// <summary>Enters an array just rented inside a region.</summary>
    public static void Rented(Array array, object pool, ulong id) => Table.Add(array, new Rental(id, pool, Returned: false));

    /// <summary>
    /// Marks a tracked array returned (it stays in the table while quarantined). False for an array that
    /// is not tracked; <paramref name="rental"/> tells, through <see cref="Rental.Returned"/>, whether it had
    /// already been returned.
    /// </summary>
    public static bool MarkReturned(Array array, out Rental rental) =>
        Table.TryUpdate(array, 0, MarkAsReturned, out rental);

    /// <summary>
    /// Removes a tracked array that has not been returned, for a return outside every region. False when it
    /// is not tracked, or (<paramref name="quarantined"/>) when it is already returned and held back.
    /// </summary>
    public static bool TryRemoveRented(Array array, out Rental rental, out bool quarantined)
    {
        bool removed = Table.TryRemoveWhere(array, 0, IsNotReturned, out rental, out bool found);
        quarantined = found && !removed;
        return removed;
    }

    /// <summary>An array leaves quarantine: out of the table, back to the pool that rented it.</summary>
    public static void Release(in QuarantinedArray held)
    {
        // Only the entry this quarantine holds. If the array was given back to the pool behind the
        // tracker's back and rented again, the new rental's entry stays, and the array, which its new
        // renter holds, does not go back to the pool.
        if (Table.TryRemoveWhere(held.Array, held.Id, IsHeldRental, out _, out _))
        {
            held.Returner.Return(held.Pool, held.Array);
        }
    }

    /// <summary>What the table knows of a rented array.</summary>
    /// <param name="Id">The rental's identity (arrays move, so rentals get numbers).</param>
    /// <param name="Pool">The pool that rented it.</param>
    /// <param name="Returned">Whether it was returned and waits in a quarantine.</param>
    public readonly record struct Rental(ulong Id, object Pool, bool Returned);
}
