using Mockalloc.Analyzers.Ownership;

namespace Mockalloc.Cli.Reports;

/// <summary>The rCanary-style text report: the message, the source excerpt with the acquisition underlined, and the leaking path.</summary>
internal static class TextReport
{
    public static void Write(IReadOnlyList<Finding> findings, LoadedCode code, TextWriter output)
    {
        var source = new SourceExcerpt();
        foreach (Finding finding in findings)
        {
            output.WriteLine($"warning[{finding.Id}]: {finding.Message}");
            int width = Math.Max(finding.Line, finding.LeakLine).ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
            string gutter = new(' ', width);
            output.WriteLine($"{gutter}--> {Relative(code, finding.File)}:{finding.Line}:{finding.Column}");
            output.WriteLine($"{gutter} |");
            string note = finding.Id == Analyzers.LeakDescriptors.OrphanObjectId ? "memory leak candidate: acquired here" : "proxy type: this field's resource is not released";
            Excerpt(output, source, finding.File, finding.Line, finding.Column, finding.EndLine == finding.Line ? finding.EndColumn : 0, '^', note, width);
            if (finding.LeakFile is not null && finding.LeakLine > 0 && finding.LeakLine != finding.Line)
            {
                if (finding.LeakLine > finding.Line + 1)
                {
                    output.WriteLine($"{gutter}...");
                }

                Excerpt(output, source, finding.LeakFile, finding.LeakLine, finding.LeakColumn, finding.LeakEndColumn, '-', "leaked on this path", width);
            }

            output.WriteLine($"{gutter} |");
            output.WriteLine($"{gutter} = help: {finding.HelpUri}");
            output.WriteLine();
        }

        int orphans = findings.Count(f => f.Id == Analyzers.LeakDescriptors.OrphanObjectId);
        int proxies = findings.Count - orphans;
        output.WriteLine(findings.Count == 0
            ? $"mockalloc leak: no leaks found in {Path.GetFileName(code.Input)} ({Plural(code.Compilations.Count, "project")})"
            : $"mockalloc leak: {Plural(findings.Count, "leak")} found in {Path.GetFileName(code.Input)} ({Plural(orphans, "orphan object")}, {Plural(proxies, "proxy type")})");
    }

    public static void WriteTypes(IReadOnlyList<FieldOwnership> fields, LoadedCode code, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("Ownership summary of types (fields that receive a resource):");
        if (fields.Count == 0)
        {
            output.WriteLine("  (no field of the loaded code receives a tracked resource)");
            return;
        }

        foreach (IGrouping<string, FieldOwnership> type in fields.GroupBy(f => f.Type))
        {
            output.WriteLine("  " + type.Key);
            foreach (FieldOwnership field in type)
            {
                string releasedBy = field.ReleasedBy.Count == 0 ? "nothing" : string.Join(", ", field.ReleasedBy);
                string verdict = field.Problem is null ? "owned and released" : "MA1002: " + field.Problem;
                output.WriteLine($"    {field.Field} <- {field.Api}  released by: {releasedBy}  [{verdict}]  ({Relative(code, field.File)}:{field.Line})");
            }
        }
    }

    public static void WriteExplain(IReadOnlyList<MethodOwnership> methods, LoadedCode code, TextWriter output)
    {
        foreach (MethodOwnership method in methods)
        {
            output.WriteLine($"method {method.Method}  ({Relative(code, method.File)}:{method.Line})");
            if (!method.Analysed)
            {
                output.WriteLine("  (too many paths: not analysed; callers treat every argument as stored)");
            }

            output.WriteLine("  parameters: " + (method.Parameters.Count == 0 ? "none" : string.Join(", ", method.Parameters.Select(p => p.Name + ": " + p.Effect))));
            output.WriteLine("  returns a fresh resource: " + (method.ReturnsFresh ?? "no"));
            output.WriteLine("  releases fields of this: " + (method.ReleasedFields.Count == 0 ? "none" : string.Join(", ", method.ReleasedFields)));
            for (int i = 0; i < method.Acquisitions.Count; i++)
            {
                AcquisitionOwnership acquisition = method.Acquisitions[i];
                string variable = acquisition.Variable is null ? "" : " `" + acquisition.Variable + "`";
                output.WriteLine($"  acquisition #{i}: {acquisition.Api}{variable} at line {acquisition.Line}");
                foreach (string outcome in acquisition.Outcomes)
                {
                    output.WriteLine("    - " + outcome);
                }

                output.WriteLine("    verdict: " + (acquisition.LeakPath is null ? "leak-free on every explored path" : "LEAKS " + acquisition.LeakPath));
            }

            output.WriteLine();
        }
    }

    private static void Excerpt(TextWriter output, SourceExcerpt source, string file, int line, int column, int endColumn, char mark, string note, int width)
    {
        string? text = source.Line(file, line);
        if (text is null)
        {
            return;
        }

        string number = line.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(width);
        output.WriteLine($"{number} | {text}");
        int start = Math.Clamp(column - 1, 0, text.Length);
        int end = endColumn > column ? Math.Min(endColumn - 1, text.Length) : text.TrimEnd().Length;
        int length = Math.Max(1, end - start);
        output.WriteLine($"{new string(' ', width)} | {new string(' ', start)}{new string(mark, length)} {note}");
    }

    internal static string Relative(LoadedCode code, string file) =>
        file.Length == 0 ? file : Path.GetRelativePath(code.Root, file).Replace('\\', '/');

    private static string Plural(int count, string noun) => count + " " + noun + (count == 1 ? "" : "s");
}
