using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Mockalloc.Internal;

/// <summary>The traced parts of a failure message: a one-line count of the bugs, and each bug with its sites.</summary>
internal static class TraceReport
{
    /// <summary>How many bugs are written out before "and N more".</summary>
    public const int MaxListed = 10;

    /// <summary>How many stack frames of the user's own code are written per stack.</summary>
    public const int MaxFrames = 6;

    /// <summary>What to do when a bug was found without tracing.</summary>
    public const string HowToTrace =
        "To see where, turn tracing on: AllocOptions.Tracing = true, Tracing = true on the test attribute, or MOCKALLOC_TRACING=1 in the environment.";

    /// <summary>"Traced: 2 leaks, 1 double free in ParserTests.Roundtrip.": the message's first line.</summary>
    public static string SummaryLine(AllocTrace trace, string? regionName) =>
        "Traced: " + Counts(trace) + (regionName is null ? "" : " in " + regionName) + ".";

    /// <summary>Appends each bug with its sites (and stacks), at most <see cref="MaxListed"/>.</summary>
    public static void AppendBugs(StringBuilder text, AllocTrace trace)
    {
        int listed = 0;
        foreach (LeakTrace leak in trace.Leaks.Take(MaxListed))
        {
            listed++;
            text.Append("  Leak: ").Append(Bytes(leak.Size)).Append(" (").Append(leak.Family).Append(") allocated at ").Append(leak.AllocationSite);
            if (leak.ExpectedReleaseSites.Count > 0)
            {
                text.Append("; expected to be released at ").AppendJoin(" or ", leak.ExpectedReleaseSites.Take(3)).Append(", where other blocks from that site were");
            }
            text.AppendLine();
            AppendStack(text, "allocated", leak.AllocationStack);
        }
        foreach (ReleaseTrace error in trace.Errors.Take(MaxListed - listed))
        {
            listed++;
            text.Append("  ").Append(error.Kind).Append(": ").AppendLine(Describe(error));
            AppendStack(text, "allocated", error.Allocation?.Stack);
            AppendStack(text, "first released", error.EarlierRelease?.Stack);
            AppendStack(text, error.EarlierRelease is null ? "released" : "released again", error.Release.Stack);
        }
        int total = trace.Leaks.Count + trace.Errors.Count;
        if (total > listed)
        {
            text.Append("  ... and ").Append((total - listed).ToString(CultureInfo.InvariantCulture)).AppendLine(" more (see AllocInfo.Trace).");
        }
    }

    private static string Describe(ReleaseTrace error)
    {
        TraceEnd? a = error.Allocation;
        TraceEnd r = error.Release;
        return error.Kind switch
        {
            AllocError.DoubleFree =>
                $"{Bytes(a!.Size)} ({a.Family}) allocated at {a.Site}, released at {error.EarlierRelease!.Site}, and again at {r.Site}",
            AllocError.BadPtr when a is not null =>
                $"release at {r.Site} of an address {error.Identity - 0:X} inside the {Bytes(a.Size)} block ({a.Family}) allocated at {a.Site}",
            AllocError.BadPtr =>
                $"release at {r.Site} ({r.Family}) of something this region never acquired (a foreign pointer, or acquired before the region)",
            AllocError.MismatchedFree =>
                $"{Bytes(a!.Size)} allocated at {a.Site} through {a.Family}, released at {r.Site} through {r.Family}",
            _ =>
                $"block allocated at {a!.Site} as {Bytes(a.Size)} aligned to {a.Alignment}, released at {r.Site} as {Bytes(r.Size)} aligned to {r.Alignment}",
        };
    }

    private static string Counts(AllocTrace trace)
    {
        var parts = new List<string>();
        if (trace.Leaks.Count > 0)
        {
            parts.Add(Plural(trace.Leaks.Count, "leak"));
        }
        foreach (IGrouping<AllocError, ReleaseTrace> kind in trace.Errors.GroupBy(e => e.Kind))
        {
            parts.Add(Plural(kind.Count(), kind.Key switch
            {
                AllocError.DoubleFree => "double free",
                AllocError.BadPtr => "bad pointer",
                AllocError.MismatchedFree => "mismatched free",
                AllocError.BadSize => "bad size",
                AllocError.BadAlignment => "bad alignment",
                _ => "bad layout",
            }));
        }
        return parts.Count == 0 ? "no individual bug" : string.Join(", ", parts);
    }

    private static void AppendStack(StringBuilder text, string what, StackTrace? stack)
    {
        if (stack is null)
        {
            return;
        }
        int written = 0;
        foreach (StackFrame frame in stack.GetFrames())
        {
            DiagnosticMethodInfo? method = DiagnosticMethodInfo.Create(frame);
            string? type = method?.DeclaringTypeName;
            if (method is null || IsFramework(type))
            {
                continue;
            }
            if (written++ == MaxFrames)
            {
                break;
            }
            text.Append("      ").Append(written == 1 ? what : new string(' ', what.Length)).Append(" at ")
                .Append(ShortTypeName(type!)).Append('.').Append(method.Name);
            if (frame.GetFileName() is { } file)
            {
                text.Append(" in ").Append(Path.GetFileName(file)).Append(':').Append(frame.GetFileLineNumber().ToString(CultureInfo.InvariantCulture));
            }
            text.AppendLine();
        }
    }

    private static string ShortTypeName(string fullName) => fullName[(fullName.LastIndexOf('.') + 1)..];

    // Mockalloc's own frames (but not its tests) and the runtime's and test frameworks' are trimmed.
    private static bool IsFramework(string? ns) =>
        ns is null ||
        (ns.StartsWith("Mockalloc", StringComparison.Ordinal) && !ns.Contains("Tests", StringComparison.Ordinal) && !ns.Contains("Sample", StringComparison.Ordinal)) ||
        ns.StartsWith("System", StringComparison.Ordinal) || ns.StartsWith("Microsoft", StringComparison.Ordinal) || ns.StartsWith("Xunit", StringComparison.Ordinal);

    private static string Plural(int count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? "" : noun.EndsWith('s') ? "es" : "s");

    private static string Bytes(long size) => size.ToString("N0", CultureInfo.InvariantCulture) + (size == 1 ? " byte" : " bytes");
}
