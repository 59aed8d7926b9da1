// Packs every package directory of PACKAGES (each: data/ with the files, control/ with the
// control file and scripts, as an .ipk holds them) into OUTPUT, then indexes and signs OUTPUT
// with KEY, as a build's pack steps and index do; prints the wall time. Used by bench/packing.sh.
using System.Diagnostics;
using Kiln.Packing.Feeds;
using Kiln.Packing.Ipk;
using Kiln.Packing.Signing;

if (args.Length != 3)
{
    Console.Error.WriteLine("usage: Kiln.Packing.Bench PACKAGES OUTPUT KEY");
    return 2;
}
var (packages, output, keyFile) = (args[0], args[1], args[2]);
var clock = Stopwatch.StartNew();
var time = DateTimeOffset.FromUnixTimeSeconds(long.Parse(Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH") ?? "0",
    System.Globalization.CultureInfo.InvariantCulture));
var directories = Directory.GetDirectories(packages).Order(StringComparer.Ordinal).ToList();
Parallel.ForEach(directories, directory =>
{
    var control = Path.Combine(directory, "control");
    var fields = ControlFile.Parse(File.ReadAllText(Path.Combine(control, "control")));
    fields.Remove("Installed-Size");
    var scripts = new Dictionary<string, string>(StringComparer.Ordinal);
    foreach (var (script, file) in new[] { ("conffiles", "conffiles"), ("postinst", "postinst-pkg"), ("prerm", "prerm-pkg"), ("preinst", "preinst"),
        ("postrm", "postrm") })
        if (File.Exists(Path.Combine(control, file))) scripts[script] = File.ReadAllText(Path.Combine(control, file));
    var name = $"{fields["Package"]}_{fields["Version"]}_{fields["Architecture"]}.ipk";
    IpkWriter.Write(Path.Combine(directory, "data"), fields, scripts, time, Path.Combine(output, name));
});
var count = FeedIndex.Write(output, Usign.ReadSecret(File.ReadAllText(keyFile), keyFile));
Console.WriteLine($"{directories.Count} packed, {count} indexed in {clock.Elapsed.TotalSeconds:0.000} s");
return 0;
