using System.Text.Json;
using System.Text.Json.Nodes;
using Mockalloc.Analyzers.Ownership;

namespace Mockalloc.Cli.Reports;

/// <summary>The machine-readable report: <c>{ input, projects, findings[], types[]? }</c>.</summary>
internal static class JsonReport
{
    public static void Write(IReadOnlyList<Finding> findings, IReadOnlyList<FieldOwnership>? types, LoadedCode code, TextWriter output)
    {
        var root = new JsonObject
        {
            ["tool"] = "mockalloc leak",
            ["input"] = code.Input,
            ["projects"] = new JsonArray([.. code.Compilations.Select(c => (JsonNode?)JsonValue.Create(c.Project))]),
            ["leakCount"] = findings.Count,
            ["findings"] = new JsonArray([.. findings.Select(f => (JsonNode?)new JsonObject
            {
                ["id"] = f.Id,
                ["message"] = f.Message,
                ["project"] = f.Project,
                ["file"] = TextReport.Relative(code, f.File),
                ["line"] = f.Line,
                ["column"] = f.Column,
                ["endLine"] = f.EndLine,
                ["endColumn"] = f.EndColumn,
                ["api"] = f.Api,
                ["variable"] = f.Variable,
                ["path"] = f.LeakPath,
                ["leakLine"] = f.LeakLine == 0 ? null : f.LeakLine,
                ["helpUri"] = f.HelpUri,
            })]),
        };
        if (types is not null)
        {
            root["types"] = new JsonArray([.. types.Select(t => (JsonNode?)new JsonObject
            {
                ["type"] = t.Type,
                ["field"] = t.Field,
                ["api"] = t.Api,
                ["releasedBy"] = new JsonArray([.. t.ReleasedBy.Select(r => (JsonNode?)JsonValue.Create(r))]),
                ["problem"] = t.Problem,
                ["file"] = TextReport.Relative(code, t.File),
                ["line"] = t.Line,
            })]);
        }

        Print(root, output);
    }

    /// <summary><c>--explain --format json</c>: <c>{ input, projects, methods[] }</c>, the facts the text form prints.</summary>
    public static void WriteExplain(IReadOnlyList<MethodOwnership> methods, LoadedCode code, TextWriter output)
    {
        var root = new JsonObject
        {
            ["tool"] = "mockalloc leak --explain",
            ["input"] = code.Input,
            ["projects"] = new JsonArray([.. code.Compilations.Select(c => (JsonNode?)JsonValue.Create(c.Project))]),
            ["methods"] = new JsonArray([.. methods.Select(m => (JsonNode?)new JsonObject
            {
                ["method"] = m.Method,
                ["file"] = TextReport.Relative(code, m.File),
                ["line"] = m.Line,
                ["analysed"] = m.Analysed,
                ["parameters"] = new JsonArray([.. m.Parameters.Select(p => (JsonNode?)new JsonObject { ["name"] = p.Name, ["effect"] = p.Effect })]),
                ["returnsFresh"] = m.ReturnsFresh,
                ["releasedFields"] = new JsonArray([.. m.ReleasedFields.Select(f => (JsonNode?)JsonValue.Create(f))]),
                ["acquisitions"] = new JsonArray([.. m.Acquisitions.Select(a => (JsonNode?)new JsonObject
                {
                    ["api"] = a.Api,
                    ["variable"] = a.Variable,
                    ["line"] = a.Line,
                    ["outcomes"] = new JsonArray([.. a.Outcomes.Select(o => (JsonNode?)JsonValue.Create(o))]),
                    ["leakPath"] = a.LeakPath,
                })]),
                ["leaks"] = m.HasLeak,
            })]),
        };
        Print(root, output);
    }

    private static void Print(JsonObject root, TextWriter output) =>
        output.WriteLine(root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
}
