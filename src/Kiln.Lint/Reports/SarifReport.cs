using System.Text.Json;
using Kiln.Lint.Rules;

namespace Kiln.Lint.Reports;

/// <summary>
/// <c>kiln lint --sarif</c>: SARIF 2.1.0, what code-scanning services read. Files are relative to
/// the tree, given as the %SRCROOT% base; every rule is described, and each result refers to its rule.
/// </summary>
public static class SarifReport
{
    public const string Schema = "https://json.schemastore.org/sarif-2.1.0.json";

    public static void Write(LintResult result, string topDirectory, Stream output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("$schema", Schema);
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        json.WriteStartObject();
        WriteTool(json);
        json.WriteStartObject("originalUriBaseIds");
        json.WriteStartObject("%SRCROOT%");
        json.WriteString("uri", new Uri(Path.TrimEndingDirectorySeparator(Path.GetFullPath(topDirectory)) + "/").AbsoluteUri);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartArray("results");
        foreach (var finding in result.Findings)
        {
            json.WriteStartObject();
            json.WriteString("ruleId", finding.Rule.Id);
            json.WriteNumber("ruleIndex", IndexOf(finding.Rule));
            json.WriteString("level", finding.Severity.Word());
            json.WriteStartObject("message");
            json.WriteString("text", finding.Message);
            json.WriteEndObject();
            json.WriteStartArray("locations");
            json.WriteStartObject();
            json.WriteStartObject("physicalLocation");
            json.WriteStartObject("artifactLocation");
            json.WriteString("uri", finding.Location.File);
            if (!Path.IsPathRooted(finding.Location.File)) json.WriteString("uriBaseId", "%SRCROOT%");
            json.WriteEndObject();
            if (finding.Location.Line > 0)
            {
                json.WriteStartObject("region");
                json.WriteNumber("startLine", finding.Location.Line);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
    }

    private static void WriteTool(Utf8JsonWriter json)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "kiln lint");
        json.WriteString("version", typeof(SarifReport).Assembly.GetName().Version?.ToString() ?? "0");
        json.WriteStartArray("rules");
        foreach (var rule in LintRules.All)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteStartObject("shortDescription");
            json.WriteString("text", rule.Summary);
            json.WriteEndObject();
            json.WriteStartObject("help");
            json.WriteString("text", $"{rule.Summary} ({rule.Guideline})");
            json.WriteEndObject();
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", rule.Severity.Word());
            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteString("guideline", rule.Guideline);
            json.WriteBoolean("needsBuild", rule.NeedsBuild);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static int IndexOf(LintRule rule)
    {
        for (var i = 0; i < LintRules.All.Count; i++)
            if (LintRules.All[i] == rule) return i;
        throw new ArgumentException($"{rule.Id} is not in the rule list", nameof(rule));
    }
}
