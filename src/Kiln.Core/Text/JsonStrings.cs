using System.Globalization;
using System.Text;

namespace Kiln.Core.Text;

/// <summary>
/// A JSON string as the scripts OpenWrt writes its JSON with write one: <c>"</c>, <c>\</c> and the
/// control characters escaped (the short forms where JSON has them); the rest left as it is, or,
/// as Python's json.dumps does by default, every character beyond ASCII as \uXXXX.
/// </summary>
public static class JsonStrings
{
    public static void Append(StringBuilder json, string value, bool escapeBeyondAscii)
    {
        json.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                case '\f': json.Append("\\f"); break;
                case '\b': json.Append("\\b"); break;
                case < ' ': json.Append("\\u00").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture)); break;
                case > '~' when escapeBeyondAscii: json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: json.Append(c); break;
            }
        }
        json.Append('"');
    }
}
