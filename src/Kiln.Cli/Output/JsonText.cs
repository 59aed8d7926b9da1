using System.Text.Json;
using Kiln.Make.Text;

namespace Kiln.Cli.Output;

/// <summary>Writing Kiln's byte text (makefile values) into JSON as the text the OS would show.</summary>
public static class JsonText
{
    /// <summary>An indented writer that leaves &lt;, &gt;, &amp; and quotes readable: the output is read by people and programs, never embedded in
    /// HTML.</summary>
    public static Utf8JsonWriter Writer(Stream stream) =>
        new(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public static void WriteMap(Utf8JsonWriter json, string name, IEnumerable<KeyValuePair<string, string>> pairs)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in pairs) json.WriteString(Os(key), Os(value));
        json.WriteEndObject();
    }

    public static void WriteList(Utf8JsonWriter json, string name, IEnumerable<string> items)
    {
        json.WriteStartArray(name);
        foreach (var item in items) json.WriteStringValue(Os(item));
        json.WriteEndArray();
    }

    public static string Os(string byteText) => ByteText.ToOs(byteText);
}
