using System.CommandLine;
using Kiln.Make.Diagnostics;
using Kiln.Make.Text;
using Kiln.Packages.Model;
using Kiln.Packages.Scanning;

namespace Kiln.Cli.Commands;

/// <summary><c>kiln info NAME</c>: one binary package described for a person.</summary>
public static class InfoCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "Binary package name." };
        var command = new Command("info", "Show a package: version, source, feed, Makefile, dependencies, description.") { name };
        command.SetAction(result => Run(result, result.GetValue(GlobalOptions.TopDir)!, result.GetValue(name)!));
        return command;
    }

    private static int Run(ParseResult result, string topDir, string name)
    {
        var wanted = ByteText.FromOs(name);
        try
        {
            foreach (var (directory, feed) in ScanDirectories(topDir))
            {
                var scan = new MetadataScanner(GlobalOptions.Scan(result, directory)).Run();
                var sources = PackageInfoParser.Parse(scan);
                foreach (var source in sources)
                {
                    var package = source.Packages.FirstOrDefault(p => p.Name == wanted);
                    if (package is null) continue;
                    Print(source, package, feed, sources);
                    return ExitCodes.Success;
                }
            }
        }
        catch (MakeErrorException e)
        {
            Console.Error.WriteLine(e.Format("kiln"));
            return ExitCodes.Failure;
        }
        Console.Error.WriteLine($"kiln: no package named '{name}' in {topDir}");
        return ExitCodes.Failure;
    }

    /// <summary>package/ (the base feed), then every feeds/NAME.</summary>
    private static IEnumerable<(string Directory, string Feed)> ScanDirectories(string topDir)
    {
        yield return ("package", "base");
        var feeds = Path.Combine(topDir, "feeds");
        if (!Directory.Exists(feeds)) yield break;
        foreach (var feed in Directory.GetDirectories(feeds).Select(Path.GetFileName).Order(StringComparer.Ordinal))
            yield return ("feeds/" + feed, feed!);
    }

    private static void Print(SourcePackage source, BinaryPackage package, string feed, IReadOnlyList<SourcePackage> sameFeed)
    {
        var known = sameFeed.SelectMany(s => s.Packages).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        void Line(string label, string? value) => Console.WriteLine($"{label,-13} {ByteText.ToOs(value ?? "")}");
        Line("Package:", package.Name);
        Line("Version:", package.Version);
        Line("Title:", package.Field("Title"));
        Line("Feed:", feed);
        Line("Makefile:", source.Makefile);
        Line("Source:", package.Field("Source"));
        Line("URL:", package.Field("URL"));
        Line("License:", package.Field("License"));
        Line("Section:", $"{package.Field("Section")} ({package.Field("Category")})");
        Line("Depends:", package.Depends.Trim());
        foreach (var d in package.ParsedDepends)
        {
            var what = d.Package is null
                ? $"condition {d.Target}"
                : $"{d.Package}{(d.Kind == DependencyKind.Selects ? " (selected)" : " (required)")}{(d.Condition is null ? "" : $" if {d.Condition}")}{(known.Contains(d.Package) ? "" : " [not in this feed]")}";
            Line("", "  " + what);
        }
        Console.WriteLine("Description:");
        foreach (var line in package.Description.Split('\n')) Console.WriteLine("  " + ByteText.ToOs(line.Trim()));
    }
}
