using System.Text.Json;
using Kiln.Lint.Rules;

namespace Kiln.Lint.Reports;

/// <summary><c>kiln lint --json</c>: the findings and the counts, for scripts.</summary>
public static class JsonReport
{
    public static void Write(LintResult result, Stream output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("packages", result.Packages);
        json.WriteNumber("errors", result.Count(Severity.Error));
        json.WriteNumber("warnings", result.Count(Severity.Warning));
        json.WriteNumber("notes", result.Count(Severity.Note));
        json.WriteNumber("silenced", result.Suppressed);
        json.WriteStartArray("findings");
        foreach (var finding in result.Findings)
        {
            json.WriteStartObject();
            json.WriteString("rule", finding.Rule.Id);
            json.WriteString("severity", finding.Severity.Word());
            json.WriteString("file", finding.Location.File);
            json.WriteNumber("line", finding.Location.Line);
            json.WriteString("message", finding.Message);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
    }
}
