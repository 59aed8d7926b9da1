using Kiln.Core.Processes;

namespace Kiln.Lint.Patching;

/// <summary>
/// A package's source archive unpacked into a directory of its own under the system's temporary
/// directory, removed on <see cref="Dispose"/> whatever happened in between.
/// </summary>
public sealed class UnpackedSource : IDisposable
{
    private static readonly HostProgram Tar = new("tar", "tar");
    private static readonly HostProgram Chmod = new("chmod", "coreutils");

    private readonly string _directory;

    private UnpackedSource(string directory, string root)
    {
        _directory = directory;
        Root = root;
    }

    /// <summary>
    /// Where the patches apply: the archive's one top directory (OpenWrt unpacks it as the build
    /// directory, whatever it is called), else where it was unpacked.
    /// </summary>
    public string Root { get; }

    /// <summary>Whether the archive is one <c>tar</c> unpacks (any compression GNU tar recognises), as OpenWrt's default unpack does.</summary>
    public static bool IsTarArchive(string name) =>
        name.Contains(".tar", StringComparison.Ordinal) || name.EndsWith(".tgz", StringComparison.Ordinal)
        || name.EndsWith(".tbz2", StringComparison.Ordinal) || name.EndsWith(".txz", StringComparison.Ordinal);

    /// <summary>The archive unpacked; its directory is removed again if tar fails.</summary>
    /// <returns>The unpacked source, or tar's complaint.</returns>
    public static (UnpackedSource? Source, string? Error) Unpack(string archive)
    {
        var directory = Directory.CreateTempSubdirectory("kiln-lint-").FullName;
        var source = new UnpackedSource(directory, directory);
        try
        {
            var result = Tar.Run(["-x", "--no-same-owner", "-f", archive, "-C", directory], timeout: TimeSpan.FromMinutes(10));
            if (!result.Succeeded)
            {
                source.Dispose();
                return (null, result.LastLines(3));
            }
            var top = Directory.GetFileSystemEntries(directory);
            return (top.Length == 1 && Directory.Exists(top[0]) ? new UnpackedSource(directory, top[0]) : source, null);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (!Directory.Exists(_directory)) return;
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (UnauthorizedAccessException)
        {
            // An archive may hold directories without write permission: give them one, then remove.
            Chmod.Run(["-R", "u+rwX", _directory]);
            Directory.Delete(_directory, recursive: true);
        }
    }
}
