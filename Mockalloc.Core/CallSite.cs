using System.Runtime.CompilerServices;
using Mockalloc.Internal;

namespace Mockalloc;

/// <summary>
/// A source location (file, line, member) interned once into a small integer, so that tracing can record
/// where each acquisition and release happened at the cost of passing an integer.
/// </summary>
/// <remarks>
/// Interceptors and the weaver create one per call site at build time (<see cref="Intern"/>, stored in a
/// static field); code calling the <c>Mockalloc.Tracked</c> facades directly passes <see cref="Here"/>,
/// whose caller-info arguments the compiler fills in. <c>default(CallSite)</c> means "unknown".
/// </remarks>
public readonly struct CallSite : IEquatable<CallSite>
{
    internal CallSite(int id) => Id = id;

    /// <summary>The interned number; 0 for an unknown site.</summary>
    public int Id { get; }

    /// <summary>Whether this names a known location.</summary>
    public bool IsKnown => Id != 0;

    /// <summary>The source file, or null for an unknown site.</summary>
    public string? File => CallSiteTable.Get(Id)?.File;

    /// <summary>The 1-based line, or 0 for an unknown site.</summary>
    public int Line => CallSiteTable.Get(Id)?.Line ?? 0;

    /// <summary>The calling member, or null for an unknown site.</summary>
    public string? Member => CallSiteTable.Get(Id)?.Member;

    /// <summary>The call site of the caller, filled in by the compiler. Cheap after the first call from a site.</summary>
    /// <param name="file">Filled in by the compiler.</param>
    /// <param name="line">Filled in by the compiler.</param>
    /// <param name="member">Filled in by the compiler.</param>
    /// <returns>The interned site.</returns>
    public static CallSite Here([CallerFilePath] string file = "", [CallerLineNumber] int line = 0, [CallerMemberName] string member = "") =>
        new(CallSiteTable.InternCached(file, line, member));

    /// <summary>Interns a location; the same location always gives the same site.</summary>
    /// <param name="file">The source file.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="member">The member the call is in.</param>
    /// <returns>The interned site.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="file"/> or <paramref name="member"/> is null.</exception>
    public static CallSite Intern(string file, int line, string member)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(member);
        return new(CallSiteTable.Intern(file, line, member));
    }

    /// <inheritdoc/>
    public bool Equals(CallSite other) => Id == other.Id;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is CallSite other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Id;

    /// <summary>"File.cs:42 (Member)", or "unknown site".</summary>
    public override string ToString() => CallSiteTable.Get(Id) is { } site ? site.ToString() : "unknown site";

    /// <summary>Whether two sites are the same.</summary>
    public static bool operator ==(CallSite left, CallSite right) => left.Equals(right);

    /// <summary>Whether two sites differ.</summary>
    public static bool operator !=(CallSite left, CallSite right) => !left.Equals(right);
}
