using Mockalloc.Internal;

namespace Mockalloc.Core.Tests.Support;

/// <summary>One acquisition or release, as the engine sees it.</summary>
internal readonly record struct AllocEvent(bool IsAlloc, ulong Id, ulong Size, ulong Alignment, ulong Family);

/// <summary>
/// Random event sequences shaped like real programs with bugs: mostly correct use, reused and neighbouring
/// addresses, reallocations, and now and then a wrong size, alignment or family (too big or too small), a
/// foreign or interior pointer, a double free, a free of something never acquired, a leak, or two wrong
/// releases of one reused address whose errors add up to zero (which a linear hash would miss).
/// </summary>
internal static class EventSequence
{
    private static readonly ulong[] Sizes = [0, 1, 4, 8, 16, 24, 100, 4096, 1 << 20];
    private static readonly ulong[] Alignments = [1, 2, 4, 8, 16, 64, 4096];

    public static void Generate(Random random, List<AllocEvent> events)
    {
        events.Clear();
        var live = new List<AllocEvent>();
        var freed = new List<AllocEvent>();
        int steps = random.Next(0, 40);
        for (int step = 0; step < steps; step++)
        {
            int roll = random.Next(100);
            if (live.Count == 0 || roll < 40)
            {
                var block = new AllocEvent(true, NewId(random), Pick(random, Sizes), Pick(random, Alignments), (ulong)random.Next(1, 8));
                events.Add(block);
                live.Add(block);
            }
            else if (roll < 80)
            {
                AllocEvent block = TakeAt(live, random.Next(live.Count));
                events.Add(block with { IsAlloc = false });
                freed.Add(block);
            }
            else if (roll < 86)
            {
                // Reallocation: the old block released, a new one (maybe at the same address) acquired.
                AllocEvent old = TakeAt(live, random.Next(live.Count));
                events.Add(old with { IsAlloc = false });
                var moved = old with { Id = random.Next(2) == 0 ? old.Id : NewId(random), Size = Pick(random, Sizes) };
                events.Add(moved);
                live.Add(moved);
            }
            else if (roll < 90)
            {
                Compensating(random, events);
            }
            else
            {
                events.Add(Bug(random, live, freed));
            }
        }
        foreach (AllocEvent block in live)
        {
            if (random.Next(100) < 95)
            {
                events.Add(block with { IsAlloc = false });
            }
        }
    }

    private static AllocEvent Bug(Random random, List<AllocEvent> live, List<AllocEvent> freed)
    {
        int kind = random.Next(7);
        if (kind == 5 && freed.Count > 0)
        {
            return freed[random.Next(freed.Count)] with { IsAlloc = false };
        }
        if (kind == 6 || live.Count == 0)
        {
            return new AllocEvent(false, NewId(random), Pick(random, Sizes), Pick(random, Alignments), (ulong)random.Next(1, 8));
        }
        AllocEvent block = TakeAt(live, random.Next(live.Count));
        AllocEvent release = block with { IsAlloc = false };
        return kind switch
        {
            0 => release with { Size = Skew(random, release.Size) },
            1 => release with { Alignment = random.Next(2) == 0 || release.Alignment == 1 ? release.Alignment * 2 : release.Alignment / 2 },
            2 => release with { Family = (release.Family % 7) + 1 },
            3 => release with { Id = release.Id + (ulong)random.Next(1, 16) },
            _ => release with { Size = release.Size + 8, Alignment = release.Alignment * 2 },
        };
    }

    // A value off by a nonzero amount, up or down (never below zero).
    private static ulong Skew(Random random, ulong value)
    {
        ulong delta = (ulong)random.Next(1, 64);
        return random.Next(2) == 0 || value < delta ? value + delta : value - delta;
    }

    // Two blocks at one address, each released with the same attribute wrong by opposite amounts: their
    // errors sum to zero, so only a hash of the attribute (not the attribute itself) tells them apart.
    private static void Compensating(Random random, List<AllocEvent> events)
    {
        ulong id = NewId(random);
        ulong delta = (ulong)random.Next(1, 64);
        int attribute = random.Next(3);
        AllocEvent first = Shift(NewBlock(random, id), attribute, 64 + (ulong)random.Next(64), replace: true);
        AllocEvent second = Shift(NewBlock(random, id), attribute, 64 + (ulong)random.Next(64), replace: true);
        events.Add(first);
        events.Add(Shift(first, attribute, delta, replace: false) with { IsAlloc = false });
        events.Add(second);
        events.Add(Shift(second, attribute, unchecked(0UL - delta), replace: false) with { IsAlloc = false });
    }

    private static AllocEvent NewBlock(Random random, ulong id) =>
        new(true, id, Pick(random, Sizes), Pick(random, Alignments), (ulong)random.Next(1, 8));

    // Sets (replace) or shifts by a wrapping amount one attribute: 0 size, 1 alignment, 2 family.
    private static AllocEvent Shift(AllocEvent e, int attribute, ulong amount, bool replace) => attribute switch
    {
        0 => e with { Size = replace ? amount : unchecked(e.Size + amount) },
        1 => e with { Alignment = replace ? amount : unchecked(e.Alignment + amount) },
        _ => e with { Family = replace ? amount : unchecked(e.Family + amount) },
    };

    // Neighbouring, reused addresses on a 16-byte grid, plus the odd address anywhere (bit 62 clear, as in
    // every real identity: tracked sources use it to tag releases of what is not live).
    private static ulong NewId(Random random) =>
        random.Next(10) == 0 ? (ulong)random.NextInt64() & ~(1UL << 62) : 0x7F00_0000_0000UL + (16UL * (ulong)random.Next(256));

    private static ulong Pick(Random random, ulong[] values) => values[random.Next(values.Length)];

    private static AllocEvent TakeAt(List<AllocEvent> list, int index)
    {
        AllocEvent item = list[index];
        list[index] = list[^1];
        list.RemoveAt(list.Count - 1);
        return item;
    }
}

/// <summary>
/// The exact reference: multisets of identities, and of identities paired with each attribute, kept in
/// dictionaries keyed by identity, compared in the engine's classification order.
/// </summary>
internal sealed class ReferenceModel
{
    private readonly Dictionary<ulong, long> _ids = [];
    private readonly Dictionary<(ulong, ulong), long> _sizes = [];
    private readonly Dictionary<(ulong, ulong), long> _alignments = [];
    private readonly Dictionary<(ulong, ulong), long> _families = [];

    public AllocError? Classify(List<AllocEvent> events)
    {
        _ids.Clear();
        _sizes.Clear();
        _alignments.Clear();
        _families.Clear();
        long allocs = 0, frees = 0;
        foreach (AllocEvent e in events)
        {
            long delta = e.IsAlloc ? 1 : -1;
            if (e.IsAlloc)
            {
                allocs++;
            }
            else
            {
                frees++;
            }
            Add(_ids, e.Id, delta);
            Add(_sizes, (e.Id, e.Size), delta);
            Add(_alignments, (e.Id, e.Alignment), delta);
            Add(_families, (e.Id, e.Family), delta);
        }
        if (allocs != frees)
        {
            return allocs > frees ? AllocError.Leak : AllocError.DoubleFree;
        }
        if (allocs == 0)
        {
            return AllocError.NoData;
        }
        if (Unbalanced(_ids))
        {
            return AllocError.BadPtr;
        }
        if (Unbalanced(_families))
        {
            return AllocError.MismatchedFree;
        }
        bool size = Unbalanced(_sizes), alignment = Unbalanced(_alignments);
        return size && alignment ? AllocError.BadLayout : size ? AllocError.BadSize : alignment ? AllocError.BadAlignment : null;
    }

    private static void Add<TKey>(Dictionary<TKey, long> counts, TKey key, long delta)
        where TKey : notnull
    {
        counts.TryGetValue(key, out long count);
        counts[key] = count + delta;
    }

    private static bool Unbalanced<TKey>(Dictionary<TKey, long> counts)
        where TKey : notnull
    {
        foreach (long count in counts.Values)
        {
            if (count != 0)
            {
                return true;
            }
        }
        return false;
    }
}

/// <summary>Feeds a sequence to the engine's accumulator.</summary>
internal static class Engine
{
    public static AllocAccumulator Run(List<AllocEvent> events)
    {
        AllocAccumulator accumulator = default;
        foreach (AllocEvent e in events)
        {
            if (e.IsAlloc)
            {
                accumulator.RecordAlloc(e.Id, e.Size, e.Alignment, e.Family);
            }
            else
            {
                accumulator.RecordFree(e.Id, e.Size, e.Alignment, e.Family);
            }
        }
        return accumulator;
    }
}
