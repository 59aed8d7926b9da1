namespace Kiln.Packages.Model;

/// <summary>Reads the .packageinfo text of one Makefile into a source package and its binary packages (text only: see
/// <see cref="PackageModel"/>).</summary>
public static class PackageInfoParser
{
    public static SourcePackage ParseBlock(string makefile, string output)
    {
        var lines = output.Split('\n');
        var buildDepends = new List<string>();
        var hostDepends = new List<string>();
        var buildTypes = new List<string>();
        var packages = new List<BinaryPackage>();
        var i = 0;
        while (i < lines.Length)
        {
            var line = lines[i];
            if (line.StartsWith("Package: ", StringComparison.Ordinal))
            {
                packages.Add(ReadPackage(lines, ref i));
                continue;
            }
            if (TryField(line, "Build-Depends", out var v)) buildDepends.AddRange(Words(v));
            else if (TryField(line, "Build-Depends/host", out v)) hostDepends.AddRange(Words(v));
            else if (TryField(line, "Build-Types", out v)) buildTypes.AddRange(Words(v));
            i++;
        }
        return new SourcePackage(makefile, Path.GetDirectoryName(makefile) ?? "", "", [], false, buildDepends, hostDepends, buildTypes,
            PackageFiles.None, packages);
    }

    private static BinaryPackage ReadPackage(string[] lines, ref int i)
    {
        var name = lines[i]["Package: ".Length..];
        var fields = new List<KeyValuePair<string, string>>();
        var description = "";
        string? config = null;
        i++;
        while (i < lines.Length)
        {
            var line = lines[i];
            if (line.StartsWith("Description: ", StringComparison.Ordinal))
            {
                description = ReadUntilMarker(lines, ref i, line["Description: ".Length..]);
                if (i < lines.Length && lines[i] == "Config:")
                {
                    i++;
                    config = ReadUntilMarker(lines, ref i, null);
                }
                break;
            }
            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            if (colon > 0) fields.Add(new(line[..colon], line[(colon + 2)..]));
            else if (line.EndsWith(':')) fields.Add(new(line[..^1], ""));
            i++;
        }
        return new BinaryPackage(name, fields, description, config, [], []);
    }

    /// <summary>Text up to a line "@@" (which is consumed).</summary>
    private static string ReadUntilMarker(string[] lines, ref int i, string? first)
    {
        var text = new List<string>();
        if (first is not null)
        {
            text.Add(first);
            i++;
        }
        while (i < lines.Length && lines[i] != "@@") text.Add(lines[i++]);
        i++;
        return string.Join('\n', text);
    }

    private static bool TryField(string line, string name, out string value)
    {
        var prefix = name + ": ";
        value = line.StartsWith(prefix, StringComparison.Ordinal) ? line[prefix.Length..] : "";
        return line.StartsWith(prefix, StringComparison.Ordinal);
    }

    private static string[] Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
