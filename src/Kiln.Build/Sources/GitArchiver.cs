using Kiln.Build.HostTools;
using Kiln.Core.Errors;

namespace Kiln.Build.Sources;

/// <summary>
/// A git source packed as OpenWrt packs it: the revision checked out (with submodules when asked)
/// into SUBDIR, then a tar with sorted names, owner 0, no set-id bits and every time set to the
/// commit's, compressed by the file's extension, so the same revision always gives the same bytes.
/// </summary>
public static class GitArchiver
{
    public static void Pack(SourceSpec source, string url, string output)
    {
        if (source.SourceVersion.Length == 0) throw new UserError($"{source.File}: a git source needs PKG_SOURCE_VERSION");
        if (source.Subdirectory.Length == 0) throw new UserError($"{source.File}: a git source needs PKG_SOURCE_SUBDIR");
        var work = Path.Combine(Path.GetDirectoryName(output)!, $".kiln-git-{Guid.NewGuid():N}");
        try
        {
            var tree = Path.Combine(work, source.Subdirectory);
            Directory.CreateDirectory(work);
            Git(work, "clone", "--quiet", "--no-checkout", url, source.Subdirectory);
            Git(tree, "checkout", "--quiet", source.SourceVersion);
            if (HasSubmodules(tree))
                Git(tree, "submodule", "update", "--quiet", "--init", "--recursive");
            var time = Git(tree, "log", "-1", "--format=%ct").Trim();
            foreach (var dotGit in Directory.EnumerateFileSystemEntries(tree, ".git", SearchOption.AllDirectories).ToList())
            {
                if (Directory.Exists(dotGit)) Directory.Delete(dotGit, recursive: true);
                else File.Delete(dotGit);
            }
            var compress = Compressor(source.File);
            HostCommand.Shell(
                $"tar --numeric-owner --owner=0 --group=0 --mode=a-s --sort=name --mtime=@{time} -c {Quote(source.Subdirectory)} | {compress} > " +
                    $"{Quote(output)}",
                work, $"packing {source.File}");
        }
        finally
        {
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>A word for /bin/sh, whatever characters it holds.</summary>
    private static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static bool HasSubmodules(string tree) => File.Exists(Path.Combine(tree, ".gitmodules"));

    private static string Compressor(string file) =>
        file.EndsWith(".zst", StringComparison.Ordinal) ? "zstd -q -T0 --ultra -20 -c"
        : file.EndsWith(".xz", StringComparison.Ordinal) ? "xz -zc -7e"
        : file.EndsWith(".gz", StringComparison.Ordinal) ? "gzip -nc"
        : file.EndsWith(".bz2", StringComparison.Ordinal) ? "bzip2 -c"
        : throw new UserError($"{file}: unknown pack format for a git source");

    private static string Git(string directory, params string[] arguments)
    {
        var (status, output) = HostCommand.Run("git", arguments, directory);
        if (status != 0) throw new UserError($"git {string.Join(' ', arguments)}: {output.Trim()}");
        return output;
    }
}
