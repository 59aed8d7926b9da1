using Kiln.Build.HostTools;
using Kiln.Core.Errors;
using Kiln.Packing.Archives;

namespace Kiln.Build.Sources;

/// <summary>
/// A git source packed as OpenWrt 24.10's download.mk packs it (DownloadMethod/rawgit), so that
/// the tarball has the bytes its PKG_MIRROR_HASH was taken from: the revision's
/// <c>git archive</c> (with .gitattributes' export rules, abbreviated hashes of 8 digits)
/// unpacked into SUBDIR, its submodules checked out there (unless SUBMODULES is <c>skip</c>) and
/// the top .git and .gitmodules removed; then
/// <c>tar --numeric-owner --owner=0 --group=0 --mode=a-s --sort=name --mtime=@COMMIT-TIME -c SUBDIR</c>,
/// compressed by the file's extension (.zst as <c>zstd -T0 --ultra -20</c>). Kiln writes the
/// tar and the zstd itself, as OpenWrt's own tar 1.35 and zstd 1.5.7 write them. Modes are those
/// OpenWrt's checkout has under its umask 022 as an ordinary user: 0755 for directories and
/// executable files, 0644 for other files (root's tar would keep git archive's 0664 and 0775, which
/// no mirror hash was taken from). The URL is given to git as it is, so git's own configuration
/// (<c>url.BASE.insteadOf</c> pointing at a local mirror) applies.
/// </summary>
public static class GitArchiver
{
    public static void Pack(SourceSpec source, string url, string output)
    {
        if (source.SourceVersion.Length == 0) throw new UserError($"{source.File}: a git source needs PKG_SOURCE_VERSION");
        if (source.Subdirectory.Length == 0) throw new UserError($"{source.File}: a git source needs PKG_SOURCE_SUBDIR");
        var compressor = Compressor(source.File);
        var work = Path.Combine(Path.GetDirectoryName(output)!, $".kiln-git-{Guid.NewGuid():N}");
        try
        {
            var clone = Path.Combine(work, "clone");
            Directory.CreateDirectory(work);
            Git(work, "clone", "--quiet", "--no-checkout", url, "clone");
            Git(clone, "checkout", "--quiet", source.SourceVersion);
            var time = DateTimeOffset.FromUnixTimeSeconds(long.Parse(Git(clone, "log", "-1", "--format=%ct").Trim()));
            var tree = Checkout(clone, Path.Combine(work, "tree", source.Subdirectory), source.Submodules);
            var entries = TarGz.List(tree, source.Subdirectory + "/").Select(e => e with { Mode = CheckoutMode(e) }).ToList();
            if (compressor is null)
            {
                using var file = File.Create(output);
                using var zstd = ZstdCli.Compress(file, 20);
                TarGz.WriteGnuTar(entries, time, zstd);
                return;
            }
            var tar = Path.Combine(work, "source.tar");
            using (var file = File.Create(tar)) TarGz.WriteGnuTar(entries, time, file);
            HostCommand.Shell($"{compressor} < {Quote(tar)} > {Quote(output)}", work, $"packing {source.File}");
        }
        finally
        {
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>
    /// The revision checked out in <paramref name="clone"/> as OpenWrt lays it out in SUBDIR: the
    /// files <c>git archive</c> gives, then (unless <c>skip</c>) the clone's .git and .gitmodules
    /// moved in for the submodules (all, or those named), and taken out again. A submodule keeps
    /// its own .git file, as in OpenWrt's tarballs.
    /// </summary>
    private static string Checkout(string clone, string tree, string submodules)
    {
        var archive = Path.Combine(clone, "..", "archive.tar");
        Git(clone, "config", "core.abbrev", "8");
        Git(clone, "archive", "--format=tar", "HEAD", "--output=" + archive);
        Directory.CreateDirectory(tree);
        Run("tar", tree, "-xf", archive);
        if (submodules == "skip") return tree;
        Directory.Move(Path.Combine(clone, ".git"), Path.Combine(tree, ".git"));
        var gitmodules = Path.Combine(clone, ".gitmodules");
        if (File.Exists(gitmodules))
            File.Copy(gitmodules, Path.Combine(tree, ".gitmodules"), overwrite: true);
        Git(tree, ["submodule", "update", "--quiet", "--init", "--recursive", "--", .. submodules.Split(' ', StringSplitOptions.RemoveEmptyEntries)]);
        Directory.Delete(Path.Combine(tree, ".git"), recursive: true);
        File.Delete(Path.Combine(tree, ".gitmodules"));
        return tree;
    }

    /// <summary>What a checkout under umask 022 gives: git knows only executable files and the rest.</summary>
    private static UnixFileMode CheckoutMode(TarGz.DiskEntry entry) =>
        entry.LinkTarget is not null ? (UnixFileMode)0b111_111_111
        : entry.Path is null || entry.Mode.HasFlag(UnixFileMode.UserExecute) ? (UnixFileMode)0b111_101_101
        : (UnixFileMode)0b110_100_100;

    /// <summary>A word for /bin/sh, whatever characters it holds.</summary>
    private static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>The command OpenWrt compresses with (dl_pack), or null for zstd, which Kiln runs itself.</summary>
    private static string? Compressor(string file) =>
        file.EndsWith(".zst", StringComparison.Ordinal) ? null
        : file.EndsWith(".xz", StringComparison.Ordinal) ? "xz -zc -7e"
        : file.EndsWith(".gz", StringComparison.Ordinal) ? "gzip -nc"
        : file.EndsWith(".bz2", StringComparison.Ordinal) ? "bzip2 -c"
        : throw new UserError($"{file}: unknown pack format for a git source");

    private static string Git(string directory, params string[] arguments) => Run("git", directory, arguments);

    private static string Run(string program, string directory, params string[] arguments)
    {
        var (status, output) = HostCommand.Run(program, arguments, directory);
        if (status != 0) throw new UserError($"{program} {string.Join(' ', arguments)}: {output.Trim()}");
        return output;
    }
}
