using System.Text.Json;
using Kiln.Make.Text;
using Kiln.Packages.Model;

namespace Kiln.Cli;

/// <summary>Writes scanned packages as JSON: source packages with their binary packages and parsed dependencies.</summary>
public static class PackageJson
{
    public static void Write(Stream stream, IReadOnlyList<SourcePackage> sources)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartArray();
        foreach (var source in sources)
        {
            json.WriteStartObject();
            json.WriteString("makefile", Os(source.Makefile));
            WriteList(json, "buildDepends", source.BuildDepends);
            WriteList(json, "hostBuildDepends", source.HostBuildDepends);
            WriteList(json, "buildTypes", source.BuildTypes);
            json.WriteStartArray("packages");
            foreach (var package in source.Packages) WritePackage(json, package);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WritePackage(Utf8JsonWriter json, BinaryPackage package)
    {
        json.WriteStartObject();
        json.WriteString("name", Os(package.Name));
        json.WriteStartObject("fields");
        foreach (var (key, value) in package.Fields) json.WriteString(key, Os(value));
        json.WriteEndObject();
        json.WriteStartArray("depends");
        foreach (var d in package.ParsedDepends)
        {
            json.WriteStartObject();
            json.WriteString("kind", d.Kind.ToString());
            json.WriteString("target", Os(d.Target));
            if (d.Condition is not null) json.WriteString("condition", Os(d.Condition));
            json.WriteString("text", Os(d.Text));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteString("description", Os(package.Description));
        if (package.Config is not null) json.WriteString("config", Os(package.Config));
        json.WriteEndObject();
    }

    private static void WriteList(Utf8JsonWriter json, string name, IReadOnlyList<string> items)
    {
        json.WriteStartArray(name);
        foreach (var item in items) json.WriteStringValue(Os(item));
        json.WriteEndArray();
    }

    private static string Os(string byteText) => ByteText.ToOs(byteText);
}
