using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Mockalloc.Internal;

/// <summary>
/// A tracing region's call stacks, each kept once: events carry the stack's number, and file and line
/// are looked up only once per distinct stack.
/// </summary>
/// <remarks>
/// A .NET stack capture costs microseconds, most of it in reading symbols for file and line. So each event
/// captures its stack without symbols, compares it (each frame's native return address and IL offset, as
/// the Rust crate compares raw return addresses) with the stacks already seen, and only for a new one
/// captures again with symbols, from the same frame, so the two agree.
/// </remarks>
internal sealed class StackTable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<int, List<int>> _byHash = [];
    private readonly List<(StackFrameKey[] Key, StackTrace? Stack)> _stacks = [([], null)];   // 0: no stack

    /// <summary>
    /// Captures the caller's stack, starting <paramref name="skipFrames"/> frames above this method's caller,
    /// and returns its number (never 0).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int Capture(int skipFrames)
    {
        var plain = new StackTrace(skipFrames + 1, fNeedFileInfo: false);
        StackFrameKey[] key = KeyOf(plain);
        int hash = HashOf(key);
        lock (_lock)
        {
            if (Find(key, hash) is int known)
            {
                return known;
            }
        }
        var resolved = new StackTrace(skipFrames + 1, fNeedFileInfo: true);
        lock (_lock)
        {
            if (Find(key, hash) is int raced)
            {
                return raced;   // another thread kept the same stack meanwhile
            }
            int id = _stacks.Count;
            _stacks.Add((key, resolved));
            (CollectionsMarshal.GetValueRefOrAddDefault(_byHash, hash, out _) ??= []).Add(id);
            return id;
        }
    }

    // Under the lock: the number of a stack already kept, or null.
    private int? Find(StackFrameKey[] key, int hash)
    {
        if (_byHash.TryGetValue(hash, out List<int>? candidates))
        {
            foreach (int id in candidates)
            {
                if (_stacks[id].Key.AsSpan().SequenceEqual(key))
                {
                    return id;
                }
            }
        }
        return null;
    }

    /// <summary>The stack numbered <paramref name="id"/>, or null for 0 (no stack).</summary>
    public StackTrace? Get(int id)
    {
        if (id == 0)
        {
            return null;
        }
        lock (_lock)
        {
            return _stacks[id].Stack;
        }
    }

    /// <summary>How many distinct stacks were kept.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _stacks.Count - 1;
            }
        }
    }

    private static StackFrameKey[] KeyOf(StackTrace stack)
    {
        StackFrame[] frames = stack.GetFrames();
        var key = new StackFrameKey[frames.Length];
        for (int i = 0; i < frames.Length; i++)
        {
            key[i] = new StackFrameKey(frames[i].GetNativeIP(), frames[i].GetILOffset());
        }
        return key;
    }

    private static int HashOf(StackFrameKey[] key)
    {
        var hash = new HashCode();
        foreach (StackFrameKey frame in key)
        {
            hash.Add(frame);
        }
        return hash.ToHashCode();
    }

    private readonly record struct StackFrameKey(nint NativeIP, int ILOffset);
}
