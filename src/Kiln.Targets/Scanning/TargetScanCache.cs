using System.Text;
using Kiln.Core.Files;
using Kiln.Make.Inputs;

namespace Kiln.Targets.Scanning;

/// <summary>
/// An earlier read of one board (its Makefile, subtargets and image directories): what it gave and what it saw (with the
/// variable names it looked up and did not find), and the physical directory it was read in (its CURDIR, which a link
/// made or moved since changes without changing any input).
/// </summary>
/// <param name="Missing">Sorted (see <see cref="EnvironmentKey.Sorted"/>).</param>
public sealed record CachedBoard(string Directory, string PhysicalDirectory, BoardScan Scan, IReadOnlyList<RecordedInput> Inputs, ulong[] Missing);

/// <summary>
/// The results of a target scan's earlier reads, one per board, with the inputs every evaluation of the board saw,
/// kept in one file for one key (same Kiln build, tree, options and <see cref="EnvironmentKey"/>) and replaced whole.
/// </summary>
internal static class TargetScanCache
{
    private const string Magic = "kiln-target-scan-cache 5";

    /// <summary>The boards kept for <paramref name="key"/>, or none when the file is missing, damaged or for another key.</summary>
    public static Dictionary<string, CachedBoard> Read(string file, string key)
    {
        var boards = new Dictionary<string, CachedBoard>(StringComparer.Ordinal);
        if (MappedFile.Map(file) is not { } bytes) return boards;
        try
        {
            var reader = new RecordReader(bytes.Span);
            if (reader.ReadString() != Magic || reader.ReadString() != key) return boards;
            for (var count = reader.ReadInt32(); count > 0; count--)
            {
                var (directory, physicalDirectory) = (reader.ReadString(), reader.ReadString());
                var scan = new BoardScan(reader.ReadString(), reader.ReadString(), reader.ReadString(), reader.ReadBoolean() ? reader.ReadString() : null);
                var inputsLength = reader.ReadInt32();
                reader.Skip(inputsLength);
                if (RecordedInputCodec.Decode(bytes.Slice(reader.Position - inputsLength, inputsLength)) is not { } inputs) return [];
                boards[directory] = new CachedBoard(directory, physicalDirectory, scan, inputs, EnvironmentKey.Read(ref reader));
            }
            GC.KeepAlive(bytes);   // the mapping, while the reader reads it
            return boards;
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException)
        {
            return [];
        }
    }

    /// <summary>Replaces the file; a failure leaves the next scan to read every board again, nothing worse.</summary>
    public static void Write(string file, string key, IEnumerable<CachedBoard> boards)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            var list = boards.ToList();
            writer.Write(Magic);
            writer.Write(key);
            writer.Write(list.Count);
            foreach (var board in list)
            {
                writer.Write(board.Directory);
                writer.Write(board.PhysicalDirectory);
                writer.Write(board.Scan.SourceMakefile);
                writer.Write(board.Scan.Output);
                writer.Write(board.Scan.Diagnostics);
                writer.Write(board.Scan.Error is not null);
                if (board.Scan.Error is not null) writer.Write(board.Scan.Error);
                var inputs = RecordedInputCodec.Encode(board.Inputs);
                writer.Write(inputs.Length);
                writer.Write(inputs);
                EnvironmentKey.Write(writer, board.Missing);
            }
        }
        try
        {
            AtomicFile.Write(file, buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not kept: the next scan reads every board, nothing worse.
        }
    }
}
