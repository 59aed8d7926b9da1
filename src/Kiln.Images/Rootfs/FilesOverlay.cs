using Kiln.Core.Errors;
using Kiln.Core.Files;

namespace Kiln.Images.Rootfs;

/// <summary>
/// Image Builder's <c>FILES=</c> directory copied over a root (<c>cp -fpR DIR/. ROOT</c> in rootfs.mk): directories
/// merged, files and links replacing what is there, modes kept. Every destination is resolved inside the root, so a
/// link a package installed cannot lead the copy onto the host.
/// </summary>
internal static class FilesOverlay
{
    public static void Copy(string overlay, StagingRoot root)
    {
        if (!Directory.Exists(overlay)) throw new UserError($"{overlay}: no such directory (the files to copy into the image)");
        var source = Path.GetFullPath(overlay).TrimEnd('/');
        foreach (var entry in DirectoryWalk.Entries(source))
        {
            var inside = entry[(source.Length + 1)..];
            var slash = inside.LastIndexOf('/');
            var parent = root.HostPath(slash < 0 ? "" : inside[..slash], followLast: true);
            var host = parent + "/" + inside[(slash + 1)..];
            var info = new FileInfo(entry);
            if (info.LinkTarget is null && Directory.Exists(entry))
            {
                root.CreateDirectories(root.HostPath(inside, followLast: true));
                continue;
            }
            root.CreateDirectories(parent);
            if (Directory.Exists(host) && new FileInfo(host).LinkTarget is null)
                throw new UserError($"{entry}: the image has a directory at /{inside}, where the files to copy into it have a file");
            if (FileStatus.Exists(host)) File.Delete(host);
            if (info.LinkTarget is { } target) File.CreateSymbolicLink(host, target);
            else if (FileStatus.IsRegularFile(entry)) root.WriteFile(host, File.ReadAllBytes(entry), StagingRoot.GetMode(entry));
            else throw new UserError($"{entry}: neither a file, a directory nor a link (the files to copy into the image)");
        }
    }
}
