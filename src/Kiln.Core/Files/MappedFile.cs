using System.Buffers;
using System.IO.MemoryMappedFiles;

namespace Kiln.Core.Files;

/// <summary>
/// A file's bytes mapped read-only into memory, for the caches: read where they lie in the page cache, with no copy and
/// no fresh memory to fault in page by page (reading a cache of 9 MB into a new array costs some 35 ms on a virtual
/// machine, mapping it 2 ms), and only the pages used are read at all.
/// </summary>
/// <remarks>
/// The mapping is undone when the last memory taken from it is collected (a long-running service would otherwise keep
/// every cache file it ever read, replaced ones included), so a span of it is used only while the memory it came from
/// is held: by the cache object that decodes it, or to the end of the method (<see cref="GC.KeepAlive"/>). Kiln replaces the files it maps (a new file renamed over the old), never shortens
/// them in place: a mapped file that another program truncated would stop the process.
/// </remarks>
public sealed unsafe class MappedFile : MemoryManager<byte>
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _start;
    private readonly int _length;
    private int _released;

    private MappedFile(MemoryMappedFile file, MemoryMappedViewAccessor view, int length)
    {
        (_file, _view, _length) = (file, view, length);
        byte* start = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
        _start = start + view.PointerOffset;
    }

#pragma warning disable CA2015 // Every memory taken from the file is held by the cache objects that use its spans (see the remarks).
    ~MappedFile() => Dispose(false);
#pragma warning restore CA2015

    /// <summary>The file's bytes, or null when it is missing, cannot be read, is empty or is larger than an array can be.</summary>
    public static ReadOnlyMemory<byte>? Map(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
            var length = stream.Length;
            if (length is 0 or > int.MaxValue) return null;
            var file = MemoryMappedFile.CreateFromFile(stream, mapName: null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
            return new MappedFile(file, file.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read), (int)length).Memory;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public override Span<byte> GetSpan() => new(_start, _length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(_start + elementIndex, pinnable: this);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
        if (Interlocked.Exchange(ref _released, 1) != 0) return;
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        if (!disposing) return;   // the handles' own finalizers undo the mapping
        _view.Dispose();
        _file.Dispose();
    }
}
