using ZstdNet;

namespace Kiln.Packing.Archives;

/// <summary>
/// zstd's output as the zstd 1.5.7 command writes it for <c>zstd -T0 --ultra -LEVEL</c> reading a
/// pipe (how OpenWrt packs a source checkout), from the same libzstd 1.5.7: the level, a checksum,
/// no content size (a pipe's size is unknown when the frame starts), and multi-threaded mode.
/// The command's other settings are libzstd's defaults (no long mode, job size and overlap
/// chosen by the library). libzstd's multi-threaded output is the same for any number of workers
/// (its jobs are cut by size, not by thread), but differs from its single-threaded output, so
/// one worker stands for the command's one per core. Nothing may flush the frame before its end:
/// a flush ends a block early and changes the bytes, so flushing the returned stream does nothing.
/// </summary>
public static class ZstdCli
{
    /// <summary>A stream whose bytes go compressed into <paramref name="output"/> (left open); disposing it ends the frame.</summary>
    public static Stream Compress(Stream output, int level)
    {
        var parameters = new Dictionary<ZSTD_cParameter, int>
        {
            [ZSTD_cParameter.ZSTD_c_checksumFlag] = 1,
            [ZSTD_cParameter.ZSTD_c_nbWorkers] = 1,
        };
        var options = new CompressionOptions(null, parameters, level);
        return new Frame(new CompressionStream(output, options), options);
    }

    /// <summary>The compressor, with Flush doing nothing and Dispose ending the frame.</summary>
    private sealed class Frame(CompressionStream compressor, CompressionOptions options) : Stream
    {
        public override void Write(byte[] buffer, int offset, int count) => compressor.Write(buffer, offset, count);

        public override void Write(ReadOnlySpan<byte> buffer) => compressor.Write(buffer);

        public override void Flush()
        {
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                compressor.Dispose();
                options.Dispose();
            }
            base.Dispose(disposing);
        }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
