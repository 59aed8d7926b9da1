using Kiln.Build.Packages;

namespace Kiln.Build.Steps;

/// <summary>
/// Turns installed packages into binary package files (the next stage: Kiln.Packing), called by
/// the build after a package's install step, and once more at the end for the indexes.
/// </summary>
public interface IPackager
{
    /// <summary>What identifies the packer's output format, for the pack step's stamp.</summary>
    string Identity { get; }

    /// <summary>The file a package becomes (in <see cref="PackageToPack.OutputDirectory"/>).</summary>
    string FileName(PackageToPack package);

    void Pack(PackageToPack package);

    /// <summary>Rewrites the index of each directory packages were written to (what the .config asks of it, at the build's epoch).</summary>
    void Index(IReadOnlyCollection<string> directories, BuildContext context);
}

/// <summary>A binary package ready to pack.</summary>
/// <param name="Control">The control file from the package API (without Depends, Installed-Size and Description).</param>
/// <param name="Depends">The installed names of what it depends on, in order, conditions resolved.</param>
/// <param name="Scripts">conffiles, postinst, prerm, preinst, postrm: those the Makefile defines.</param>
public sealed record PackageToPack(
    string Name,
    string InstalledName,
    string InstallDirectory,
    string Control,
    IReadOnlyList<string> Depends,
    string Description,
    IReadOnlyDictionary<string, string> Scripts,
    string Architecture,
    string OutputDirectory,
    long SourceDateEpoch);
