using System.Text;
using Kiln.Make.Evaluation;

namespace Kiln.Packages.Scanning.Cache;

/// <summary>The binary form of a scan cache: a header with the key, then one record per Makefile.</summary>
internal static class ScanCacheFile
{
    private const string Magic = "kiln-scan-cache";
    private const int FormatVersion = 3;

    public static void Write(Stream stream, string key, IEnumerable<CachedScan> entries)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(key);
        var list = entries.ToList();
        writer.Write(list.Count);
        foreach (var entry in list)
        {
            writer.Write(entry.Directory);
            WriteScan(writer, entry.Scan);
            writer.Write(entry.Inputs.Count);
            foreach (var input in entry.Inputs) WriteInput(writer, input);
        }
    }

    /// <summary>The entries of the file, or none if it is missing, unreadable, damaged or written for another key.</summary>
    public static List<CachedScan> Read(string file, string key)
    {
        try
        {
            using var reader = new BinaryReader(File.OpenRead(file), Encoding.UTF8);
            if (reader.ReadString() != Magic || reader.ReadInt32() != FormatVersion || reader.ReadString() != key) return [];
            var count = reader.ReadInt32();
            var entries = new List<CachedScan>(count);
            for (var i = 0; i < count; i++)
            {
                var directory = reader.ReadString();
                var scan = ReadScan(reader);
                var inputs = new RecordedInput[reader.ReadInt32()];
                for (var j = 0; j < inputs.Length; j++) inputs[j] = ReadInput(reader);
                entries.Add(new CachedScan(directory, inputs, scan));
            }
            return entries;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or EndOfStreamException or FormatException)
        {
            return [];
        }
    }

    private static void WriteScan(BinaryWriter writer, MakefileScan scan)
    {
        writer.Write(scan.SourceMakefile);
        writer.Write(scan.Output);
        writer.Write(scan.Diagnostics);
        WriteOptional(writer, scan.Error);
        WritePairs(writer, scan.Facts.SourceVariables);
        writer.Write(scan.Facts.HostBuild);
        writer.Write(scan.Facts.Packages.Count);
        foreach (var package in scan.Facts.Packages)
        {
            writer.Write(package.Name);
            WritePairs(writer, package.Fields);
            writer.Write(package.Hooks.Count);
            foreach (var hook in package.Hooks) writer.Write(hook);
        }
    }

    private static MakefileScan ReadScan(BinaryReader reader)
    {
        var (makefile, output, diagnostics, error) = (reader.ReadString(), reader.ReadString(), reader.ReadString(), ReadOptional(reader));
        var variables = ReadPairs(reader);
        var hostBuild = reader.ReadBoolean();
        var packages = new PackageFacts[reader.ReadInt32()];
        for (var i = 0; i < packages.Length; i++)
        {
            var name = reader.ReadString();
            var fields = ReadPairs(reader);
            var hooks = new string[reader.ReadInt32()];
            for (var j = 0; j < hooks.Length; j++) hooks[j] = reader.ReadString();
            packages[i] = new PackageFacts(name, fields, hooks);
        }
        return new MakefileScan(makefile, output, diagnostics, error, new MakefileFacts(variables, hostBuild, packages));
    }

    private static void WritePairs(BinaryWriter writer, IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        writer.Write(pairs.Count);
        foreach (var (key, value) in pairs)
        {
            writer.Write(key);
            writer.Write(value);
        }
    }

    private static KeyValuePair<string, string>[] ReadPairs(BinaryReader reader)
    {
        var pairs = new KeyValuePair<string, string>[reader.ReadInt32()];
        for (var i = 0; i < pairs.Length; i++) pairs[i] = KeyValuePair.Create(reader.ReadString(), reader.ReadString());
        return pairs;
    }

    private static void WriteInput(BinaryWriter writer, RecordedInput input)
    {
        writer.Write((byte)input.Kind);
        switch (input)
        {
            case FileReadInput file:
                writer.Write(file.Path);
                WriteHash(writer, file.ContentHash);
                break;
            case PathQueriedInput query:
                writer.Write(query.Path);
                writer.Write((byte)query.Query);
                writer.Write(query.Answer);
                break;
            case DirectoryListedInput listing:
                writer.Write(listing.Directory);
                WriteHash(writer, listing.NamesHash);
                break;
            case PathResolvedInput path:
                writer.Write(path.Path);
                writer.Write(path.WorkingDirectory);
                WriteOptional(writer, path.Resolved);
                break;
            case ShellRanInput shell:
                writer.Write(shell.Invocation.Shell);
                writer.Write(shell.Invocation.ShellFlags);
                writer.Write(shell.Invocation.Command);
                writer.Write(shell.Invocation.WorkingDirectory);
                WriteHash(writer, shell.OutcomeHash);
                break;
            case EnvironmentReadInput variable:
                writer.Write(variable.Name);
                WriteOptional(writer, variable.Value);
                break;
        }
    }

    private static RecordedInput ReadInput(BinaryReader reader) => (InputKind)reader.ReadByte() switch
    {
        InputKind.FileRead => new FileReadInput(reader.ReadString(), ReadHash(reader)),
        InputKind.PathQueried => new PathQueriedInput(reader.ReadString(), (PathQuery)reader.ReadByte(), reader.ReadBoolean()),
        InputKind.DirectoryListed => new DirectoryListedInput(reader.ReadString(), ReadHash(reader)),
        InputKind.PathResolved => new PathResolvedInput(reader.ReadString(), reader.ReadString(), ReadOptional(reader)),
        InputKind.ShellRan => new ShellRanInput(
            new ShellInvocation(reader.ReadString(), reader.ReadString(), reader.ReadString(), reader.ReadString()), ReadHash(reader)),
        InputKind.EnvironmentRead => new EnvironmentReadInput(reader.ReadString(), ReadOptional(reader)),
        var kind => throw new InvalidDataException($"unknown input kind {kind}"),
    };

    private static void WriteHash(BinaryWriter writer, byte[] hash)
    {
        writer.Write((byte)hash.Length);
        writer.Write(hash);
    }

    private static byte[] ReadHash(BinaryReader reader) => reader.ReadBytes(reader.ReadByte());

    private static void WriteOptional(BinaryWriter writer, string? value)
    {
        writer.Write(value is not null);
        if (value is not null) writer.Write(value);
    }

    private static string? ReadOptional(BinaryReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;
}
