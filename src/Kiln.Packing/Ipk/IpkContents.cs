using Kiln.Core.Errors;
using Kiln.Packing.Archives;

namespace Kiln.Packing.Ipk;

/// <summary>What an .ipk holds: its control file, its control scripts and other control files, and its data entries.</summary>
public sealed record IpkContents(ControlFile Control, IReadOnlyList<TarGz.Entry> ControlEntries, IReadOnlyList<TarGz.Entry> DataEntries)
{
    /// <summary>
    /// Reads an .ipk (a gzip'd tar of ./debian-binary, ./data.tar.gz and ./control.tar.gz) in
    /// memory; anything missing, damaged or pointing outside the package stops with a message.
    /// </summary>
    public static IpkContents Read(string path)
    {
        var where = Path.GetFileName(path);
        var outer = TarGz.Read(File.ReadAllBytes(path), where);
        byte[] Member(string name) =>
            outer.FirstOrDefault(e => e.Name == "./" + name || e.Name == name)?.Bytes ?? throw new UserError($"{where}: no {name} in the package");
        var version = System.Text.Encoding.ASCII.GetString(Member("debian-binary")).Trim();
        if (version != "2.0") throw new UserError($"{where}: debian-binary says '{version}', not 2.0");
        var control = TarGz.Read(Member("control.tar.gz"), where + ": control.tar.gz");
        var data = TarGz.Read(Member("data.tar.gz"), where + ": data.tar.gz");
        var controlFile = control.FirstOrDefault(e => e.Name is "./control" or "control")?.Bytes
            ?? throw new UserError($"{where}: no control file in control.tar.gz");
        return new IpkContents(ControlFile.Parse(System.Text.Encoding.UTF8.GetString(controlFile)), control, data);
    }
}
