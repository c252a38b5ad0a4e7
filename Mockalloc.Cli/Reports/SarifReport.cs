using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Mockalloc.Analyzers;

namespace Mockalloc.Cli.Reports;

/// <summary>
/// SARIF 2.1.0 for code-scanning tools: one run, the two rules with help links, one result per finding
/// with its location relative to <c>%SRCROOT%</c> and a code flow (acquired here, leaked on this path).
/// </summary>
internal static partial class SarifReport
{
    /// <summary>
    /// SARIF wants SemVer 2.0 (three parts) in <c>semanticVersion</c>: the package version the SDK writes
    /// into the informational version (<c>1.2.3</c>, <c>1.2.3-beta+commit</c>), else the assembly
    /// version's first three parts (the assembly version itself has four).
    /// </summary>
    public static string SemanticVersion(System.Reflection.Assembly assembly)
    {
        string? informational = System.Reflection.CustomAttributeExtensions.GetCustomAttribute<System.Reflection.AssemblyInformationalVersionAttribute>(assembly)?.InformationalVersion;
        if (informational is not null && SemVer().IsMatch(informational))
        {
            return informational;
        }

        Version parts = assembly.GetName().Version ?? new Version(0, 0, 0);
        return $"{parts.Major}.{parts.Minor}.{Math.Max(parts.Build, 0)}";
    }

    public static void Write(IReadOnlyList<Finding> findings, LoadedCode code, TextWriter output)
    {
        DiagnosticDescriptor[] rules = [LeakDescriptors.OrphanObject, LeakDescriptors.ProxyType];
        System.Reflection.Assembly checker = typeof(LeakAnalyzer).Assembly;
        string version = checker.GetName().Version?.ToString() ?? "0.0.0";
        var results = new JsonArray();
        foreach (Finding f in findings)
        {
            var result = new JsonObject
            {
                ["ruleId"] = f.Id,
                ["ruleIndex"] = Array.FindIndex(rules, r => r.Id == f.Id),
                ["level"] = "warning",
                ["message"] = new JsonObject { ["text"] = f.Message },
                ["locations"] = new JsonArray(Location(code, f.File, f.Line, f.Column, f.EndLine, f.EndColumn, null)),
            };
            if (f.LeakFile is not null && f.LeakLine > 0)
            {
                result["codeFlows"] = new JsonArray(new JsonObject
                {
                    ["threadFlows"] = new JsonArray(new JsonObject
                    {
                        ["locations"] = new JsonArray(
                            new JsonObject { ["location"] = Location(code, f.File, f.Line, f.Column, f.EndLine, f.EndColumn, "acquired here") },
                            new JsonObject { ["location"] = Location(code, f.LeakFile, f.LeakLine, f.LeakColumn, f.LeakLine, Math.Max(f.LeakEndColumn, f.LeakColumn + 1), "leaked on this path") }),
                    }),
                });
            }

            results.Add(result);
        }

        var sarif = new JsonObject
        {
            ["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json",
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(new JsonObject
            {
                ["tool"] = new JsonObject
                {
                    ["driver"] = new JsonObject
                    {
                        ["name"] = "mockalloc",
                        ["version"] = version,
                        ["semanticVersion"] = SemanticVersion(checker),
                        ["rules"] = new JsonArray([.. rules.Select(r => (JsonNode?)new JsonObject
                        {
                            ["id"] = r.Id,
                            ["name"] = r.Id == LeakDescriptors.OrphanObjectId ? "OrphanObject" : "ProxyType",
                            ["shortDescription"] = new JsonObject { ["text"] = r.Title.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                            ["fullDescription"] = new JsonObject { ["text"] = r.Description.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                            ["helpUri"] = r.HelpLinkUri,
                            ["defaultConfiguration"] = new JsonObject { ["level"] = "warning" },
                            ["properties"] = new JsonObject { ["category"] = r.Category },
                        })]),
                    },
                },
                ["columnKind"] = "utf16CodeUnits",
                ["originalUriBaseIds"] = new JsonObject
                {
                    ["SRCROOT"] = new JsonObject { ["uri"] = new Uri(code.Root.EndsWith(Path.DirectorySeparatorChar) ? code.Root : code.Root + Path.DirectorySeparatorChar).AbsoluteUri },
                },
                ["results"] = results,
            }),
        };
        output.WriteLine(sarif.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    private static JsonObject Location(LoadedCode code, string file, int line, int column, int endLine, int endColumn, string? message)
    {
        var region = new JsonObject { ["startLine"] = line, ["startColumn"] = column };
        if (endLine >= line && endLine > 0)
        {
            region["endLine"] = endLine;
            region["endColumn"] = endColumn;
        }

        var location = new JsonObject
        {
            ["physicalLocation"] = new JsonObject
            {
                ["artifactLocation"] = new JsonObject { ["uri"] = Uri.EscapeDataString(TextReport.Relative(code, file)).Replace("%2F", "/", StringComparison.Ordinal), ["uriBaseId"] = "SRCROOT" },
                ["region"] = region,
            },
        };
        if (message is not null)
        {
            location["message"] = new JsonObject { ["text"] = message };
        }

        return location;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$")]
    private static partial System.Text.RegularExpressions.Regex SemVer();
}
