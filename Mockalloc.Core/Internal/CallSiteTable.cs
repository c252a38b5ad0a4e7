using System.Runtime.CompilerServices;

namespace Mockalloc.Internal;

/// <summary>One interned source location.</summary>
internal sealed record SiteInfo(string File, int Line, string Member)
{
    /// <summary>"File.cs:42 (Member)".</summary>
    public override string ToString() => $"{Path.GetFileName(File)}:{Line} ({Member})";
}

/// <summary>
/// The process-wide intern table of <see cref="CallSite"/>s. Interning takes a lock once per location;
/// <see cref="InternCached"/> first looks in a small lock-free cache keyed by the caller's file string
/// (a literal, so the same reference at every call from a site) and line.
/// </summary>
internal static class CallSiteTable
{
    private const int CacheSlots = 1024;
    private static readonly Lock Gate = new();
    private static readonly Dictionary<(string File, int Line, string Member), int> Ids = [];
    private static readonly List<SiteInfo> Sites = [null!];   // id 0: unknown
    private static readonly CacheEntry?[] Cache = new CacheEntry?[CacheSlots];

    /// <summary>The location of <paramref name="id"/>, or null for 0 or an id never handed out.</summary>
    public static SiteInfo? Get(int id)
    {
        if (id <= 0)
        {
            return null;
        }
        lock (Gate)
        {
            return id < Sites.Count ? Sites[id] : null;
        }
    }

    /// <summary>The id of a location, interning it the first time.</summary>
    public static int Intern(string file, int line, string member)
    {
        // Interning allocates: the tracker's own memory, not the region's.
        using RegionFlow.TrackerWork work = RegionFlow.StartTrackerWork();
        lock (Gate)
        {
            if (!Ids.TryGetValue((file, line, member), out int id))
            {
                id = Sites.Count;
                Sites.Add(new SiteInfo(file, line, member));
                Ids.Add((file, line, member), id);
            }
            return id;
        }
    }

    /// <summary><see cref="Intern"/> behind a lock-free cache keyed by the file string's identity and the line.</summary>
    public static int InternCached(string file, int line, string member)
    {
        int slot = (int)((uint)(RuntimeHelpers.GetHashCode(file) ^ (line * 31)) % CacheSlots);
        CacheEntry? cached = Volatile.Read(ref Cache[slot]);
        if (cached is not null && ReferenceEquals(cached.File, file) && cached.Line == line && ReferenceEquals(cached.Member, member))
        {
            return cached.Id;
        }
        using RegionFlow.TrackerWork work = RegionFlow.StartTrackerWork();
        int id = Intern(file, line, member);
        Volatile.Write(ref Cache[slot], new CacheEntry(file, line, member, id));
        return id;
    }

    private sealed record CacheEntry(string File, int Line, string Member, int Id);
}
