using System.Collections.Generic;

namespace Mockalloc.Apis;

/// <summary>
/// The BCL members of .NET's manual-memory boundary that Mockalloc tracks (docs/tracked-sources.md), each
/// with what it does to ownership and the <c>Mockalloc.Tracked</c> facade member that stands for it. The
/// interceptor generator, the weaver and the static checker all read this one table: adding an API is one
/// row here and one facade overload in Mockalloc.Core.
/// </summary>
internal static class TrackedApis
{
    private const string NativeMemory = "System.Runtime.InteropServices.NativeMemory";
    private const string Marshal = "System.Runtime.InteropServices.Marshal";
    private const string GCHandle = "System.Runtime.InteropServices.GCHandle";
    private const string Tracked = "Mockalloc.Tracked.";

    /// <summary>Every BCL row, in the order of docs/tracked-sources.md.</summary>
    public static IReadOnlyList<ResourceApi> Bcl { get; } =
    [
        .. Native(),
        .. MarshalRows(),

        // GC handles: the untyped handle is a struct whose Free the facade takes by ref.
        new(GCHandle, "Alloc", ApiRole.Acquire, "handle", -1, "GCHandle.Alloc", facade: Static("TrackedGCHandle", "Alloc")),
        new(GCHandle, "Free", ApiRole.Release, "handle", -1, "GCHandle.Free", facade: Instance("TrackedGCHandle", "Free")),
        new(GCHandle, "ToIntPtr", ApiRole.Alias, "handle", 0, "GCHandle.ToIntPtr"),
        new(GCHandle, "FromIntPtr", ApiRole.Alias, "handle", 0, "GCHandle.FromIntPtr"),
        new(GCHandle, "op_Explicit", ApiRole.Alias, "handle", 0, "GCHandle explicit conversion"),
        .. TypedHandle("GCHandle`1", "GCHandle<T>", "NewGCHandle"),
        .. TypedHandle("PinnedGCHandle`1", "PinnedGCHandle<T>", "NewPinnedGCHandle"),
        .. TypedHandle("WeakGCHandle`1", "WeakGCHandle<T>", "NewWeakGCHandle"),

        // Pools: every instance (Shared, Create(), a derived pool) is its own family.
        new("System.Buffers.ArrayPool`1", "Rent", ApiRole.Acquire, "pool", -1, "ArrayPool<T>.Rent", facade: Instance("TrackedArrayPool", "Rent")),
        new("System.Buffers.ArrayPool`1", "Return", ApiRole.Release, "pool", 0, "ArrayPool<T>.Return", facade: Instance("TrackedArrayPool", "Return")),
        new("System.Buffers.MemoryPool`1", "Rent", ApiRole.Acquire, "pool", -1, "MemoryPool<T>.Rent", facade: Instance("TrackedMemoryPool", "Rent")),
        new("System.Buffers.IMemoryOwner`1", "Dispose", ApiRole.Release, "pool", -1, "IMemoryOwner<T>.Dispose", facade: Instance("TrackedMemoryPool", "Dispose")),
    ];

    private static readonly Dictionary<(string Type, string Member), ResourceApi> s_withFacade = IndexWithFacade();

    /// <summary>The member names of every row with a facade: a cheap filter before any lookup.</summary>
    public static HashSet<string> FacadeMemberNames { get; } = MemberNames(interceptableOnly: false);

    /// <summary>The member names of every row interceptors redirect (<see cref="ResourceFacade.Interceptable"/>).</summary>
    public static HashSet<string> InterceptableMemberNames { get; } = MemberNames(interceptableOnly: true);

    /// <summary>The row with a facade for a member of a type given by its metadata name (<c>System.Buffers.ArrayPool`1</c>), or null.</summary>
    public static ResourceApi? FindWithFacade(string typeName, string member) =>
        s_withFacade.TryGetValue((typeName, member), out ResourceApi? row) ? row : null;

    private static Dictionary<(string Type, string Member), ResourceApi> IndexWithFacade()
    {
        var index = new Dictionary<(string Type, string Member), ResourceApi>();
        foreach (ResourceApi row in Bcl)
        {
            if (row.Facade is not null)
            {
                index[(row.TypeName, row.Member)] = row;
            }
        }

        return index;
    }

    private static HashSet<string> MemberNames(bool interceptableOnly)
    {
        var names = new HashSet<string>();
        foreach (ResourceApi row in s_withFacade.Values)
        {
            if (!interceptableOnly || row.Facade!.Interceptable)
            {
                names.Add(row.Member);
            }
        }

        return names;
    }

    private static ResourceFacade Static(string type, string member) => new(Tracked + type, member, takesReceiver: false);

    private static ResourceFacade Instance(string type, string member) => new(Tracked + type, member, takesReceiver: true);

    private static IEnumerable<ResourceApi> Native()
    {
        foreach ((string member, ApiRole role, string family, int argument) in new[]
        {
            ("Alloc", ApiRole.Acquire, "malloc", -1),
            ("AllocZeroed", ApiRole.Acquire, "malloc", -1),
            ("Realloc", ApiRole.Reallocate, "malloc", 0),
            ("Free", ApiRole.Release, "malloc", 0),
            ("AlignedAlloc", ApiRole.Acquire, "aligned", -1),
            ("AlignedRealloc", ApiRole.Reallocate, "aligned", 0),
            ("AlignedFree", ApiRole.Release, "aligned", 0),
        })
        {
            yield return new(NativeMemory, member, role, family, argument, "NativeMemory." + member, facade: Static("TrackedNativeMemory", member));
        }
    }

    private static IEnumerable<ResourceApi> MarshalRows()
    {
        foreach (string m in new[] { "AllocHGlobal", "StringToHGlobalAnsi", "StringToHGlobalUni", "StringToHGlobalAuto", "SecureStringToGlobalAllocAnsi", "SecureStringToGlobalAllocUnicode" })
        {
            yield return MarshalRow(m, ApiRole.Acquire, "HGlobal", -1, mayReturnNull: m.StartsWith("String", System.StringComparison.Ordinal));
        }

        yield return MarshalRow("ReAllocHGlobal", ApiRole.Reallocate, "HGlobal", 0);
        foreach (string m in new[] { "FreeHGlobal", "ZeroFreeGlobalAllocAnsi", "ZeroFreeGlobalAllocUnicode" })
        {
            yield return MarshalRow(m, ApiRole.Release, "HGlobal", 0);
        }

        foreach (string m in new[] { "AllocCoTaskMem", "StringToCoTaskMemAnsi", "StringToCoTaskMemUni", "StringToCoTaskMemAuto", "StringToCoTaskMemUTF8", "SecureStringToCoTaskMemAnsi", "SecureStringToCoTaskMemUnicode" })
        {
            yield return MarshalRow(m, ApiRole.Acquire, "CoTaskMem", -1, mayReturnNull: m.StartsWith("String", System.StringComparison.Ordinal));
        }

        yield return MarshalRow("ReAllocCoTaskMem", ApiRole.Reallocate, "CoTaskMem", 0);
        foreach (string m in new[] { "FreeCoTaskMem", "ZeroFreeCoTaskMemAnsi", "ZeroFreeCoTaskMemUnicode", "ZeroFreeCoTaskMemUTF8" })
        {
            yield return MarshalRow(m, ApiRole.Release, "CoTaskMem", 0);
        }

        yield return MarshalRow("StringToBSTR", ApiRole.Acquire, "BSTR", -1, mayReturnNull: true);
        yield return MarshalRow("SecureStringToBSTR", ApiRole.Acquire, "BSTR", -1);
        yield return MarshalRow("FreeBSTR", ApiRole.Release, "BSTR", 0);
        yield return MarshalRow("ZeroFreeBSTR", ApiRole.Release, "BSTR", 0);
    }

    private static ResourceApi MarshalRow(string member, ApiRole role, string family, int argument, bool mayReturnNull = false) =>
        new(Marshal, member, role, family, argument, "Marshal." + member, mayReturnNull, Static("TrackedMarshal", member));

    private static IEnumerable<ResourceApi> TypedHandle(string metadataName, string display, string factory)
    {
        string type = "System.Runtime.InteropServices." + metadataName;
        // A typed handle is made by a constructor, which interceptors cannot reach (the weaver can): they must not
        // redirect its Dispose either, or every correct new/Dispose pair would count as a release of an unseen handle.
        yield return new(type, ".ctor", ApiRole.Acquire, "handle", -1, "new " + display,
            facade: new ResourceFacade(Tracked + "TrackedGCHandle", factory, takesReceiver: false, interceptable: false));
        yield return new(type, "Dispose", ApiRole.Release, "handle", -1, display + ".Dispose",
            facade: new ResourceFacade(Tracked + "TrackedGCHandle", "Dispose", takesReceiver: true, interceptable: false));
        yield return new(type, "ToIntPtr", ApiRole.Alias, "handle", 0, display + ".ToIntPtr");
        yield return new(type, "FromIntPtr", ApiRole.Alias, "handle", 0, display + ".FromIntPtr");
    }
}
