using System.CommandLine;
using Kiln.Core.Errors;
using Kiln.Make.Text;
using Kiln.Packages.Feeds;
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
        command.SetAction(result => Run(result, result.GetValue(name)!));
        return command;
    }

    private static int Run(ParseResult result, string name)
    {
        var wanted = ByteText.FromOs(name);
        var topDir = GlobalOptions.Tree(result);
        ScanOptions OptionsFor(string directory) => GlobalOptions.Scan(result, directory);
        // Every feed is needed (a dependency may be satisfied by a package of another feed), as the cache last saw it:
        // only the package and what satisfies its dependencies are checked against their Makefiles.
        var tree = TreePackages.Recall(topDir, OptionsFor) ?? TreePackages.Read(topDir, OptionsFor);
        while (true)
        {
            var index = tree.Index;
            var package = index.Find(wanted);
            if (package is null && tree.Recalled)
            {
                // Perhaps new since the cache was written.
                tree = TreePackages.Read(topDir, OptionsFor);
                continue;
            }
            if (package is null && index.SourceNamed(wanted) is { Packages.Count: > 0 } named)
                throw new UserError($"'{name}' is a source package ({named.Makefile}), not a binary package: kiln info takes one of " +
                    $"its packages: {ByteText.ToOs(string.Join(' ', named.Packages.Select(p => p.Name).Order(StringComparer.Ordinal)))}");
            if (package is null) throw tree.NotFound(wanted, "asked for");
            var source = index.SourceOf(package.Name)!;
            var used = package.ParsedDepends.Where(d => d.Package is not null).SelectMany(d => index.Satisfying(d.Package!))
                .Select(p => index.SourceOf(p.Name)!).Prepend(source);
            var confirmed = tree.Confirm(used);
            if (!ReferenceEquals(confirmed, tree))
            {
                tree = confirmed;
                continue;
            }
            Print(source, package, index);
            return ExitCodes.Success;
        }
    }

    private static void Print(SourcePackage source, BinaryPackage package, PackageIndex index)
    {
        void Line(string label, string? value) => Console.WriteLine($"{label,-13} {ByteText.ToOs(value ?? "")}");
        Line("Package:", package.InstalledName == package.Name ? package.Name : $"{package.Name} (installed as {package.InstalledName})");
        Line("Version:", package.Version);
        Line("Title:", package.Field("Title"));
        Line("Feed:", source.Feed);
        Line("Makefile:", source.Makefile);
        Line("Source:", string.Join(' ', new[] { source.Variable("PKG_SOURCE"),
            source.Variable("PKG_SOURCE_URL") }.Where(v => !string.IsNullOrEmpty(v))));
        Line("URL:", package.Field("URL"));
        Line("License:", package.Field("License"));
        Line("Section:", $"{package.Field("Section")} ({package.Field("Category")})");
        if (package.Hooks.Count > 0) Line("Hooks:", string.Join(' ', package.Hooks));
        if (source.Files.Patches.Count > 0) Line("Patches:", $"{source.Files.Patches.Count} in {Path.GetDirectoryName(source.Files.Patches[0])}");
        Line("Depends:", package.Depends.Trim());
        foreach (var d in package.ParsedDepends)
            Line("", "  " + Describe(d, index));
        Console.WriteLine("Description:");
        foreach (var line in package.Description.Split('\n')) Console.WriteLine("  " + ByteText.ToOs(line.Trim()));
    }

    private static string Describe(Dependency d, PackageIndex index)
    {
        if (d.Package is null) return $"{(d.Kind == DependencyKind.SelectsSymbol ? "selects" : "needs")} {d.Expression?.ToString() ?? d.Target}";
        var how = d.Kind == DependencyKind.Selects ? "selects" : "needs";
        var when = d.Expression is { } condition ? $" if {condition}" : "";
        var satisfying = index.Satisfying(d.Package);
        var resolved = satisfying.Count == 0
            ? " [not in this tree]"
            : satisfying[0].Name == d.Package ? (satisfying[0].InstalledName == d.Package ? "" : $" (installed as {satisfying[0].InstalledName})")
            : $" (provided by {string.Join(", ", satisfying.Select(p => p.Name))})";
        return $"{how} {d.Package}{when}{resolved}";
    }
}
