using System.Text;
using Kiln.Core.Files;

namespace Kiln.Packages.Model;

/// <summary>
/// The names of the sources a scan cache holds (<see cref="SourceNames"/>, one per directory, none for a Makefile that
/// failed), kept beside it so that a build of a few packages can look names up without decoding every result. It
/// belongs to one state of the cache file, named by the digest of that file's header; for any other it is not used.
/// It ends with the digest of all before it (<see cref="CacheDigest"/>), so that a damaged file is ignored whole.
/// </summary>
internal static class SourceNamesFile
{
    private const string Magic = "kiln-source-names";
    private const int FormatVersion = 2;

    /// <summary>The names file of a scan cache file.</summary>
    public static string For(string cacheFile) => Path.ChangeExtension(cacheFile, ".names");

    /// <summary>
    /// The names of each of <paramref name="directories"/> (null for a failed Makefile), when the file was written for the
    /// cache file of <paramref name="cacheDigest"/> and these directories; else null.
    /// </summary>
    public static SourceNames?[]? Read(string file, byte[] cacheDigest, IReadOnlyList<string> directories)
    {
        try
        {
            var bytes = File.ReadAllBytes(file);
            var bodyLength = bytes.Length - CacheDigest.Size;
            if (bodyLength < 0 || !CacheDigest.Of(bytes.AsSpan(0, bodyLength)).AsSpan().SequenceEqual(bytes.AsSpan(bodyLength))) return null;
            using var reader = new BinaryReader(new MemoryStream(bytes, 0, bodyLength, writable: false), Encoding.UTF8);
            if (reader.ReadString() != Magic || reader.ReadInt32() != FormatVersion) return null;
            if (!reader.ReadBytes(reader.ReadInt32()).AsSpan().SequenceEqual(cacheDigest) || reader.ReadInt32() != directories.Count) return null;
            var names = new SourceNames?[directories.Count];
            for (var i = 0; i < names.Length; i++)
            {
                if (reader.ReadString() != directories[i]) return null;
                if (!reader.ReadBoolean()) continue;
                var (directory, name) = (reader.ReadString(), reader.ReadString());
                var packages = new BinaryNames[reader.ReadInt32()];
                for (var p = 0; p < packages.Length; p++)
                {
                    var packageName = reader.ReadString();
                    var provides = new string[reader.ReadInt32()];
                    for (var j = 0; j < provides.Length; j++) provides[j] = reader.ReadString();
                    packages[p] = new BinaryNames(packageName, provides);
                }
                names[i] = new SourceNames(directory, name, packages);
            }
            return names;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or EndOfStreamException or FormatException)
        {
            return null;
        }
    }

    /// <summary>Replaces the file whole; one that cannot be written is left out (the next build reads every result once more).</summary>
    public static void Write(string file, byte[] cacheDigest, IReadOnlyList<string> directories, IReadOnlyList<SourceNames?> names)
    {
        using var body = new MemoryStream();
        using (var writer = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(cacheDigest.Length);
            writer.Write(cacheDigest);
            writer.Write(directories.Count);
            for (var i = 0; i < directories.Count; i++)
            {
                writer.Write(directories[i]);
                writer.Write(names[i] is not null);
                if (names[i] is not { } source) continue;
                writer.Write(source.Directory);
                writer.Write(source.Name);
                writer.Write(source.Packages.Count);
                foreach (var package in source.Packages)
                {
                    writer.Write(package.Name);
                    writer.Write(package.Provides.Count);
                    foreach (var provided in package.Provides) writer.Write(provided);
                }
            }
        }
        body.Write(CacheDigest.Of(body.GetBuffer().AsSpan(0, (int)body.Length)));
        try
        {
            AtomicFile.Write(file, body.GetBuffer().AsSpan(0, (int)body.Length));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not kept: the next build reads every result once more, nothing worse.
        }
    }
}
