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

        output.WriteLine(root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }
}
