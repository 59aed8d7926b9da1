using System.Text.Json;
using Kiln.Make.Text;
using Kiln.Packages.Model;
using static Kiln.Cli.Output.JsonText;

namespace Kiln.Cli.Output;

/// <summary>
/// Writes scanned packages as JSON: source packages (PKG_* variables, files, patches) with their
/// binary packages (metadata fields, Package/NAME variables, hooks, structured dependencies).
/// </summary>
public static class PackageJson
{
    public static void Write(Stream stream, IReadOnlyList<SourcePackage> sources)
    {
        var index = new PackageIndex(sources);
        using var json = JsonText.Writer(stream);
        json.WriteStartArray();
        foreach (var source in sources)
        {
            json.WriteStartObject();
            json.WriteString("name", Os(source.Name));
            json.WriteString("makefile", Os(source.Makefile));
            json.WriteString("directory", Os(source.Directory));
            json.WriteString("feed", Os(source.Feed));
            WriteMap(json, "variables", source.Variables);
            json.WriteBoolean("hostBuild", source.HostBuild);
            WriteList(json, "buildDepends", source.BuildDepends);
            WriteList(json, "hostBuildDepends", source.HostBuildDepends);
            WriteList(json, "buildTypes", source.BuildTypes);
            if (source.Files.FilesDirectory is { } files) json.WriteString("filesDirectory", Os(files));
            WriteList(json, "patches", source.Files.Patches);
            if (source.Files.SourceDirectory is { } src) json.WriteString("sourceDirectory", Os(src));
            json.WriteStartArray("packages");
            foreach (var package in source.Packages) WritePackage(json, package, index);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WritePackage(Utf8JsonWriter json, BinaryPackage package, PackageIndex index)
    {
        json.WriteStartObject();
        json.WriteString("name", Os(package.Name));
        json.WriteString("installedName", Os(package.InstalledName));
        json.WriteString("version", Os(package.Version));
        WriteMap(json, "fields", package.Fields);
        WriteMap(json, "variables", package.Variables);
        WriteList(json, "hooks", package.Hooks);
        json.WriteStartArray("depends");
        foreach (var d in package.ParsedDepends)
        {
            json.WriteStartObject();
            json.WriteString("text", Os(d.Text));
            json.WriteString("kind", d.Kind.ToString());
            json.WriteString("target", Os(d.Target));
            if (d.Condition is not null) json.WriteString("condition", Os(d.Condition));
            if (d.Expression is { } expression) WriteExpression(json, "expression", expression);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        WriteList(json, "installedDepends", index.InstalledDependencies(package));
        json.WriteString("description", Os(package.Description));
        if (package.Config is not null) json.WriteString("config", Os(package.Config));
        json.WriteEndObject();
    }

    private static void WriteExpression(Utf8JsonWriter json, string name, ConditionExpression expression)
    {
        json.WriteStartObject(name);
        WriteExpressionBody(json, expression);
        json.WriteEndObject();
    }

    private static void WriteOperands(Utf8JsonWriter json, string name, ConditionExpression left, ConditionExpression right)
    {
        json.WriteStartArray(name);
        foreach (var operand in new[] { left, right })
        {
            json.WriteStartObject();
            WriteExpressionBody(json, operand);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteExpressionBody(Utf8JsonWriter json, ConditionExpression expression)
    {
        switch (expression)
        {
            case Symbol symbol: json.WriteString("symbol", Os(symbol.Name)); break;
            case Not not: WriteExpression(json, "not", not.Operand); break;
            case AllOf all: WriteOperands(json, "allOf", all.Left, all.Right); break;
            case AnyOf any: WriteOperands(json, "anyOf", any.Left, any.Right); break;
        }
    }
}
