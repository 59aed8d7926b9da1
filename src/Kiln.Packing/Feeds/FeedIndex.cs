using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Kiln.Core.Files;
using Kiln.Packing.Ipk;
using Kiln.Packing.Signing;

namespace Kiln.Packing.Feeds;

/// <summary>
/// A feed's index, as OpenWrt writes it for a directory of .ipk files: Packages.manifest (each
/// package's control file with Filename, Size and SHA256sum before its Description), Packages
/// (the same without the fields devices do not need), Packages.gz and Packages.sig (usign).
/// The kernel and libc packages are left out, as OpenWrt leaves them out.
/// </summary>
public static class FeedIndex
{
    public const string ManifestName = "Packages.manifest";

    /// <summary>Fields (by the start of their name) that Packages leaves out of Packages.manifest.</summary>
    private static readonly string[] ManifestOnly = ["Maintainer", "LicenseFiles", "Source", "Require"];

    /// <returns>How many packages the index lists.</returns>
    public static int Write(string directory, Usign.SecretKey? key)
    {
        var manifest = new StringBuilder();
        var count = 0;
        foreach (var path in Directory.EnumerateFiles(directory, "*.ipk", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            if (name.Split('_')[0] is "kernel" or "libc") continue;
            var control = IpkContents.Read(path).Control;
            var bytes = File.ReadAllBytes(path);
            control.Set("Filename", Path.GetRelativePath(directory, path), before: "Description");
            control.Set("Size", bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), before: "Description");
            control.Set("SHA256sum", Convert.ToHexStringLower(SHA256.HashData(bytes)), before: "Description");
            manifest.Append(control.Write()).Append('\n');
            count++;
        }

        var packages = new StringBuilder();
        foreach (var line in manifest.ToString().Split('\n').SkipLast(1))
            if (!ManifestOnly.Any(f => line.StartsWith(f, StringComparison.Ordinal))) packages.Append(line).Append('\n');
        // OpenWrt pads Packages by a newline when its size falls where usign's reader stumbles.
        if ((64 + Encoding.UTF8.GetByteCount(packages.ToString())) % 128 is 110 or 111) packages.Append("\n\n");

        var packagesBytes = Encoding.UTF8.GetBytes(packages.ToString());
        Replace(Path.Combine(directory, ManifestName), Encoding.UTF8.GetBytes(manifest.ToString()));
        Replace(Path.Combine(directory, "Packages"), packagesBytes);
        Replace(Path.Combine(directory, "Packages.gz"), Gzip(packagesBytes));
        if (key is not null) Replace(Path.Combine(directory, "Packages.sig"), Encoding.ASCII.GetBytes(Usign.Sign(packagesBytes, key)));
        return count;
    }

    /// <summary>gzip -n of nothing: the stream .NET writes no header for when given no bytes.</summary>
    private static readonly byte[] EmptyGzip = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    private static byte[] Gzip(byte[] bytes)
    {
        if (bytes.Length == 0) return EmptyGzip;
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true)) gzip.Write(bytes);
        return output.ToArray();
    }

    private static void Replace(string path, byte[] bytes) => AtomicFile.Write(path, bytes);
}
