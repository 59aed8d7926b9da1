using System.Text;
using Kiln.Core.Files;
using Kiln.Make.Evaluation;

namespace Kiln.Make.Inputs;

/// <summary>
/// The binary form of an evaluation's recorded inputs: their count, then each input as its length and its bytes (its kind,
/// then its fields), so that a check can take each input's bytes alone (<see cref="Split"/>) and decode only those it
/// has not seen yet.
/// </summary>
public static class RecordedInputCodec
{
    public static byte[] Encode(IReadOnlyList<RecordedInput> inputs)
    {
        using var buffer = new MemoryStream();
        using var one = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        using (var inputWriter = new BinaryWriter(one, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(inputs.Count);
            foreach (var input in inputs)
            {
                one.SetLength(0);
                WriteInput(inputWriter, input);
                inputWriter.Flush();
                writer.Write7BitEncodedInt((int)one.Length);
                writer.Write(one.GetBuffer().AsSpan(0, (int)one.Length));
            }
        }
        return buffer.ToArray();
    }

    /// <summary>The inputs, or null when they are damaged.</summary>
    public static IReadOnlyList<RecordedInput>? Decode(ReadOnlyMemory<byte> encoded)
    {
        try
        {
            var parts = Split(encoded);
            var inputs = new RecordedInput[parts.Length];
            for (var i = 0; i < parts.Length; i++) inputs[i] = DecodeOne(parts[i].Span);
            return inputs;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>Each input's bytes, in order, as <see cref="DecodeOne"/> reads them.</summary>
    /// <exception cref="InvalidDataException">The encoding is damaged.</exception>
    public static ReadOnlyMemory<byte>[] Split(ReadOnlyMemory<byte> encoded)
    {
        try
        {
            var reader = new RecordReader(encoded.Span);
            var parts = new ReadOnlyMemory<byte>[reader.ReadInt32()];
            for (var i = 0; i < parts.Length; i++) parts[i] = ReadSlice(ref reader, encoded);
            return reader.Position == encoded.Length ? parts : throw new InvalidDataException("bytes after the last input");
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException or OverflowException)
        {
            throw new InvalidDataException(e.Message, e);
        }
    }

    /// <summary>One input from the bytes <see cref="Split"/> gave for it.</summary>
    /// <exception cref="InvalidDataException">The bytes are damaged.</exception>
    public static RecordedInput DecodeOne(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var reader = new RecordReader(bytes);
            var input = ReadInput(ref reader);
            return reader.Position == bytes.Length ? input : throw new InvalidDataException("bytes after an input");
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException or OverflowException)
        {
            throw new InvalidDataException(e.Message, e);
        }
    }

    /// <summary>
    /// A path query's path (its UTF-8 bytes, not decoded), query and answer, from the bytes <see cref="Split"/> gave for
    /// it; false for an input of another kind. A scan's inputs are mostly such queries: a check need not decode them.
    /// </summary>
    /// <exception cref="InvalidDataException">The bytes are damaged.</exception>
    public static bool TryReadPathQuery(ReadOnlyMemory<byte> input, out ReadOnlyMemory<byte> utf8Path, out PathQuery query, out bool answer)
    {
        (utf8Path, query, answer) = (default, default, default);
        if (input.Span is not [(byte)InputKind.PathQueried, ..]) return false;
        try
        {
            var reader = new RecordReader(input.Span);
            reader.ReadByte();
            utf8Path = ReadSlice(ref reader, input);
            (query, answer) = ((PathQuery)reader.ReadByte(), reader.ReadBoolean());
            return true;
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException)
        {
            throw new InvalidDataException(e.Message, e);
        }
    }

    /// <summary>A stamped file read's path (its UTF-8 bytes) and stamp, as <see cref="TryReadPathQuery"/> reads a query's.</summary>
    /// <exception cref="InvalidDataException">The bytes are damaged.</exception>
    public static bool TryReadFileStamp(ReadOnlyMemory<byte> input, out ReadOnlyMemory<byte> utf8Path, out FileStamp stamp)
    {
        (utf8Path, stamp) = (default, default);
        if (input.Span is not [(byte)InputKind.StampedFileRead, ..]) return false;
        try
        {
            var reader = new RecordReader(input.Span);
            reader.ReadByte();
            utf8Path = ReadSlice(ref reader, input);
            ReadHash(ref reader);
            stamp = FileStamp.Read(ref reader);
            return true;
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException)
        {
            throw new InvalidDataException(e.Message, e);
        }
    }

    /// <summary>The next length-prefixed bytes (a string's, or an input's) as a part of <paramref name="memory"/>, which the reader reads.</summary>
    private static ReadOnlyMemory<byte> ReadSlice(ref RecordReader reader, ReadOnlyMemory<byte> memory)
    {
        var length = reader.ReadStringBytes().Length;
        return memory.Slice(reader.Position - length, length);
    }

    private static void WriteInput(BinaryWriter writer, RecordedInput input)
    {
        writer.Write((byte)input.Kind);
        switch (input)
        {
            case FileReadInput file:
                writer.Write(file.Path);
                WriteHash(writer, file.ContentHash);
                file.Stamp?.Write(writer);
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
            case DirectoryEntriesInput entries:
                writer.Write(entries.Directory);
                WriteHash(writer, entries.EntriesHash);
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
        InputKind.StampedFileRead => new FileReadInput(reader.ReadString(), ReadHash(ref reader), FileStamp.Read(ref reader)),
        InputKind.PathQueried => new PathQueriedInput(reader.ReadString(), (PathQuery)reader.ReadByte(), reader.ReadBoolean()),
        InputKind.DirectoryListed => new DirectoryListedInput(reader.ReadString(), ReadHash(ref reader)),
        InputKind.DirectoryEntries => new DirectoryEntriesInput(reader.ReadString(), ReadHash(ref reader)),
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
