using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kiln.Core.Text;

namespace Kiln.Images.Outputs;

/// <summary>
/// JSON as Python's <c>json.dumps(value, sort_keys=True, separators=(",", ":"))</c> writes it, which
/// is how OpenWrt's image scripts write profiles.json: keys sorted by code point, no spaces,
/// every character beyond ASCII escaped as \uXXXX, '/' and '&lt;' left as they are.
/// </summary>
public static class PythonJson
{
    public static string Dumps(JsonNode? node)
    {
        var text = new StringBuilder();
        Write(node, text);
        return text.ToString();
    }

    private static void Write(JsonNode? node, StringBuilder text)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj:
                text.Append('{');
                var first = true;
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first) text.Append(',');
                    first = false;
                    String(key, text);
                    text.Append(':');
                    Write(value, text);
                }
                text.Append('}');
                break;
            case JsonArray array:
                text.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0) text.Append(',');
                    Write(array[i], text);
                }
                text.Append(']');
                break;
            case JsonValue value:
                switch (value.GetValueKind())
                {
                    case JsonValueKind.String: String(value.GetValue<string>(), text); break;
                    case JsonValueKind.True: text.Append("true"); break;
                    case JsonValueKind.False: text.Append("false"); break;
                    case JsonValueKind.Number: text.Append(value.ToJsonString()); break;
                    default: text.Append("null"); break;
                }
                break;
        }
    }

    private static void String(string value, StringBuilder text) => JsonStrings.Append(text, value, escapeBeyondAscii: true);
}
