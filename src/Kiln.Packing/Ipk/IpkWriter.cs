using System.Text;
using Kiln.Core.Files;
using Kiln.Packing.Archives;

namespace Kiln.Packing.Ipk;

/// <summary>
/// Writes an .ipk as OpenWrt's ipkg-build does: ./debian-binary ("2.0"), ./data.tar.gz (the
/// install directory) and ./control.tar.gz (control, conffiles, scripts) in a gzip'd tar, every
/// entry owned by 0:0 and dated SOURCE_DATE_EPOCH, so that the same files give the same bytes.
/// </summary>
public static class IpkWriter
{
    /// <summary>What every package runs after installing: base-files' default_postinst, which runs the package's own postinst-pkg.</summary>
    public const string DefaultPostinst = """
        #!/bin/sh
        [ "${IPKG_NO_SCRIPT}" = "1" ] && exit 0
        [ -s ${IPKG_INSTROOT}/lib/functions.sh ] || exit 0
        . ${IPKG_INSTROOT}/lib/functions.sh
        default_postinst $0 $@

        """;

    /// <summary>What every package runs before removal: default_prerm, which runs prerm-pkg.</summary>
    public const string DefaultPrerm = """
        #!/bin/sh
        [ -s ${IPKG_INSTROOT}/lib/functions.sh ] || exit 0
        . ${IPKG_INSTROOT}/lib/functions.sh
        default_prerm $0 $@

        """;

    /// <param name="control">The control file without Installed-Size, which is counted here.</param>
    /// <param name="scripts">The package's own scripts by OpenWrt's name (postinst, prerm, preinst, postrm) and conffiles.</param>
    /// <returns>The control file as written.</returns>
    public static ControlFile Write(string installDirectory, ControlFile control, IReadOnlyDictionary<string, string> scripts, DateTimeOffset time,
        string output)
    {
        var data = TarGz.List(installDirectory);
        var size = data.Sum(e => e.Size);
        control.Set("Installed-Size", size.ToString(System.Globalization.CultureInfo.InvariantCulture), before: "Description");

        var executable = (UnixFileMode)0b111_101_101;
        var plain = (UnixFileMode)0b110_100_100;
        var controlEntries = new List<TarGz.Entry>
        {
            new("./", executable, null),
            new("./control", plain, Bytes(control.Write())),
        };
        if (scripts.TryGetValue("conffiles", out var conffiles) && conffiles.Trim().Length > 0)
            controlEntries.Add(new("./conffiles", plain, Bytes(string.Join("\n", conffiles.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
                + "\n")));
        controlEntries.Add(new("./postinst", executable, Bytes(DefaultPostinst)));
        if (scripts.TryGetValue("postinst", out var postinst)) controlEntries.Add(new("./postinst-pkg", executable, Bytes(Script(postinst))));
        if (scripts.TryGetValue("postrm", out var postrm)) controlEntries.Add(new("./postrm", executable, Bytes(Script(postrm))));
        if (scripts.TryGetValue("preinst", out var preinst)) controlEntries.Add(new("./preinst", executable, Bytes(Script(preinst))));
        controlEntries.Add(new("./prerm", executable, Bytes(DefaultPrerm)));
        if (scripts.TryGetValue("prerm", out var prerm)) controlEntries.Add(new("./prerm-pkg", executable, Bytes(Script(prerm))));
        // Sorted as tar --sort=name would list the control directory.
        controlEntries = controlEntries.Take(1).Concat(controlEntries.Skip(1).OrderBy(e => e.Name, StringComparer.Ordinal)).ToList();

        // Only the compressed data archive is held in memory, not the files.
        using var dataArchive = new MemoryStream();
        TarGz.Write(data, time, dataArchive);
        var ipk = TarGz.Write(
        [
            new("./debian-binary", (UnixFileMode)0b110_100_100, "2.0\n"u8.ToArray()),
            new("./data.tar.gz", (UnixFileMode)0b110_100_100, dataArchive.ToArray()),
            new("./control.tar.gz", (UnixFileMode)0b110_100_100, TarGz.Write(controlEntries, time)),
        ], time);
        AtomicFile.Write(output, ipk);
        return control;
    }

    /// <summary>A script as the Makefile defines it: leading blank lines and the indentation of its "#!" line dropped.</summary>
    private static string Script(string text)
    {
        var trimmed = text.TrimStart('\n', ' ', '\t');
        return trimmed.EndsWith('\n') ? trimmed : trimmed + "\n";
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
