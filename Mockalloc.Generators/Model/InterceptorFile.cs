using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;

namespace Mockalloc.Generators.Model;

/// <summary>
/// The interceptors of one source file, emitted as one generated file: an edit of a file re-emits (and the
/// compiler re-parses) only that file's interceptors.
/// </summary>
/// <param name="HintName">The generated file's name, unique per source path.</param>
/// <param name="Calls">The file's call sites, in source order.</param>
internal sealed record InterceptorFile(string HintName, EquatableArray<InterceptedCall> Calls)
{
    /// <summary>Groups call sites by their file, in the order the files first appear.</summary>
    public static ImmutableArray<InterceptorFile> ByFile(ImmutableArray<InterceptedCall> calls)
    {
        var groups = new Dictionary<string, List<InterceptedCall>>();
        var order = new List<string>();
        foreach (InterceptedCall call in calls)
        {
            if (!groups.TryGetValue(call.File, out List<InterceptedCall>? group))
            {
                groups[call.File] = group = [];
                order.Add(call.File);
            }

            group.Add(call);
        }

        ImmutableArray<InterceptorFile>.Builder files = ImmutableArray.CreateBuilder<InterceptorFile>(order.Count);
        foreach (string file in order)
        {
            files.Add(new InterceptorFile(HintNameFor(file), new EquatableArray<InterceptedCall>(groups[file])));
        }

        return files.MoveToImmutable();
    }

    /// <summary><c>Mockalloc.Interceptors.Name.1a2b3c4d.g.cs</c>: the file's name for people, a hash of its path for uniqueness.</summary>
    internal static string HintNameFor(string path)
    {
        int start = path.LastIndexOfAny(['/', '\\']) + 1;
        int end = path.LastIndexOf('.');
        string name = end > start ? path.Substring(start, end - start) : path.Substring(start);
        var safe = new StringBuilder(name.Length);
        foreach (char c in name)
        {
            safe.Append(char.IsLetterOrDigit(c) || c == '_' ? c : '_');
        }

        uint hash = 2166136261;
        foreach (char c in path)
        {
            hash = unchecked((hash ^ c) * 16777619);
        }

        return $"Mockalloc.Interceptors.{safe}.{hash:x8}.g.cs";
    }
}
