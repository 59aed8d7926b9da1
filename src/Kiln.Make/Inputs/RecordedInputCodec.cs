using System.Text;
using Kiln.Core.Files;
using Kiln.Make.Evaluation;

namespace Kiln.Make.Inputs;

/// <summary>The binary form of an evaluation's recorded inputs: their count, then each input by kind.</summary>
public static class RecordedInputCodec
{
    public static byte[] Encode(IReadOnlyList<RecordedInput> inputs)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(inputs.Count);
            foreach (var input in inputs) WriteInput(writer, input);
        }
        return buffer.ToArray();
    }

    /// <summary>The inputs, or null when they are damaged.</summary>
    public static IReadOnlyList<RecordedInput>? Decode(ReadOnlyMemory<byte> encoded)
    {
        try
        {
            var reader = new RecordReader(encoded.Span);
            var inputs = new RecordedInput[reader.ReadInt32()];
            for (var j = 0; j < inputs.Length; j++) inputs[j] = ReadInput(ref reader);
            return inputs;
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or OverflowException)
        {
            return null;
        }
    }

    private static void WriteInput(BinaryWriter writer, RecordedInput input)
    {
        writer.Write((byte)input.Kind);
        switch (input)
        {
            case FileReadInput file:
                writer.Write(file.Path);
                WriteHash(writer, file.ContentHash);
                if (file.Stamp is { } stamp)
                {
                    writer.Write(stamp.Device);
                    writer.Write(stamp.Inode);
                    writer.Write(stamp.Size);
                    writer.Write(stamp.ModifiedNanoseconds);
                    writer.Write(stamp.ChangedNanoseconds);
                }
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
            case FileTimeInput time:
                writer.Write(time.Path);
                writer.Write(time.Seconds is not null);
                writer.Write(time.Seconds ?? 0);
                break;
            case EnvironmentReadInput variable:
                writer.Write(variable.Name);
                WriteOptional(writer, variable.Value);
                break;
            case ProgramIdentityInput program:
                writer.Write(program.Program);
                writer.Write(program.WorkingDirectory);
                WriteOptional(writer, program.Resolved);
                writer.Write(program.Size);
                writer.Write(program.ModifiedTicks);
                break;
        }
    }

    private static RecordedInput ReadInput(ref RecordReader reader) => (InputKind)reader.ReadByte() switch
    {
        InputKind.FileRead => new FileReadInput(reader.ReadString(), ReadHash(ref reader)),
        InputKind.StampedFileRead => new FileReadInput(reader.ReadString(), ReadHash(ref reader),
            new FileStamp(reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64())),
        InputKind.PathQueried => new PathQueriedInput(reader.ReadString(), (PathQuery)reader.ReadByte(), reader.ReadBoolean()),
        InputKind.DirectoryListed => new DirectoryListedInput(reader.ReadString(), ReadHash(ref reader)),
        InputKind.PathResolved => new PathResolvedInput(reader.ReadString(), reader.ReadString(), ReadOptional(ref reader)),
        var kind when kind is InputKind.ShellRan or InputKind.ShellRanNotRechecked => new ShellRanInput(
            new ShellInvocation(reader.ReadString(), reader.ReadString(), reader.ReadString(), reader.ReadString()), ReadHash(ref reader),
            NotRechecked: kind == InputKind.ShellRanNotRechecked),
        InputKind.FileTime => new FileTimeInput(reader.ReadString(), reader.ReadBoolean() ? reader.ReadInt64() : SkipTime(ref reader)),
        InputKind.EnvironmentRead => new EnvironmentReadInput(reader.ReadString(), ReadOptional(ref reader)),
        InputKind.ProgramIdentity => new ProgramIdentityInput(reader.ReadString(), reader.ReadString(), ReadOptional(ref reader), reader.ReadInt64(),
            reader.ReadInt64()),
        var kind => throw new InvalidDataException($"unknown input kind {kind}"),
    };

    private static long? SkipTime(ref RecordReader reader)
    {
        reader.ReadInt64();
        return null;
    }

    private static void WriteHash(BinaryWriter writer, byte[] hash)
    {
        writer.Write((byte)hash.Length);
        writer.Write(hash);
    }

    private static byte[] ReadHash(ref RecordReader reader) => reader.ReadBytes(reader.ReadByte());

    private static void WriteOptional(BinaryWriter writer, string? value)
    {
        writer.Write(value is not null);
        if (value is not null) writer.Write(value);
    }

    private static string? ReadOptional(ref RecordReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;
}
