using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Errors;

namespace Libvirt.Engine.Streams
{
    /// <summary>
    /// What callers of a stream do most: read it to the end into a file or memory, or send a file into it.
    /// Each finishes the stream when all went well; on any failure or cancellation the stream is aborted.
    /// </summary>
    public static class DataStreams
    {
        /// <summary>libvirt's own chunk size for stream data (VIR_NET_MESSAGE_LEGACY_PAYLOAD_MAX less its header): one STREAM packet.</summary>
        public const int ChunkSize = 262120;

        /// <summary>
        /// Reads to the end into <paramref name="destination"/> and finishes. Holes become zeros, or a seek
        /// when <paramref name="sparse"/> and the destination can seek (the file then keeps its holes).
        /// Returns the bytes the stream stood for (holes included).
        /// </summary>
        public static async Task<long> CopyToAsync(this IDataStream stream, Stream destination, bool sparse, IProgress<long>? progress, CancellationToken cancellationToken)
        {
            if (stream == null) throw new ArgumentNullException(nameof(stream));
            if (destination == null) throw new ArgumentNullException(nameof(destination));
            long total = 0;
            try
            {
                while (true)
                {
                    var chunk = await stream.ReadAsync(cancellationToken).ConfigureAwait(false);
                    if (chunk.IsEnd) break;
                    if (chunk.IsHole)
                    {
                        if (sparse && destination.CanSeek)
                        {
                            destination.Seek(chunk.HoleLength, SeekOrigin.Current);
                            if (destination.Position > destination.Length) destination.SetLength(destination.Position);
                        }
                        else await WriteZerosAsync(destination, chunk.HoleLength, cancellationToken).ConfigureAwait(false);
                        total += chunk.HoleLength;
                    }
                    else
                    {
                        await destination.WriteAsync(chunk.Data!, 0, chunk.Data!.Length, cancellationToken).ConfigureAwait(false);
                        total += chunk.Data.Length;
                    }
                    progress?.Report(total);
                }
                await stream.FinishAsync(cancellationToken).ConfigureAwait(false);
                return total;
            }
            catch
            {
                await stream.AbortAsync().ConfigureAwait(false);
                throw;
            }
        }

        /// <summary>
        /// Reads to the end into memory and finishes; more than <paramref name="maxBytes"/> aborts the stream
        /// (a host cannot make us hold what it likes).
        /// </summary>
        public static async Task<byte[]> ReadAllAsync(this IDataStream stream, long maxBytes, CancellationToken cancellationToken)
        {
            if (stream == null) throw new ArgumentNullException(nameof(stream));
            using var buffer = new MemoryStream();
            using var bounded = new BoundedStream(buffer, maxBytes);
            await stream.CopyToAsync(bounded, sparse: false, null, cancellationToken).ConfigureAwait(false);
            return buffer.ToArray();
        }

        /// <summary>
        /// Sends <paramref name="source"/> from its position to its end and finishes. With
        /// <paramref name="sparse"/>, runs of at least one whole chunk of zeros are sent as holes.
        /// </summary>
        public static async Task<long> WriteFromAsync(this IDataStream stream, Stream source, bool sparse, int chunkSize, IProgress<long>? progress, CancellationToken cancellationToken)
        {
            if (stream == null) throw new ArgumentNullException(nameof(stream));
            if (source == null) throw new ArgumentNullException(nameof(source));
            if (chunkSize <= 0) throw new ArgumentOutOfRangeException(nameof(chunkSize));
            var buffer = new byte[chunkSize];
            long total = 0, hole = 0;
            try
            {
                while (true)
                {
                    var read = await ReadFullAsync(source, buffer, cancellationToken).ConfigureAwait(false);
                    if (read == 0) break;
                    if (sparse && read == buffer.Length && IsZero(buffer, read)) hole += read;
                    else
                    {
                        if (hole > 0) { await stream.WriteHoleAsync(hole, cancellationToken).ConfigureAwait(false); hole = 0; }
                        await stream.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
                    }
                    total += read;
                    progress?.Report(total);
                }
                if (hole > 0) await stream.WriteHoleAsync(hole, cancellationToken).ConfigureAwait(false);
                await stream.FinishAsync(cancellationToken).ConfigureAwait(false);
                return total;
            }
            catch
            {
                await stream.AbortAsync().ConfigureAwait(false);
                throw;
            }
        }

        private static async Task<int> ReadFullAsync(Stream source, byte[] buffer, CancellationToken ct)
        {
            var read = 0;
            while (read < buffer.Length)
            {
                var n = await source.ReadAsync(buffer, read, buffer.Length - read, ct).ConfigureAwait(false);
                if (n == 0) break;
                read += n;
            }
            return read;
        }

        private static bool IsZero(byte[] buffer, int count)
        {
            for (var i = 0; i < count; i++) if (buffer[i] != 0) return false;
            return true;
        }

        private static async Task WriteZerosAsync(Stream destination, long length, CancellationToken ct)
        {
            var zeros = new byte[(int)Math.Min(length, 1 << 20)];
            while (length > 0)
            {
                var n = (int)Math.Min(length, zeros.Length);
                await destination.WriteAsync(zeros, 0, n, ct).ConfigureAwait(false);
                length -= n;
            }
        }

        /// <summary>Refuses writes past a limit, so a stream read into memory stays bounded.</summary>
        private sealed class BoundedStream : Stream
        {
            private readonly Stream _inner;
            private readonly long _limit;
            private long _written;

            public BoundedStream(Stream inner, long limit) { _inner = inner; _limit = limit; }

            public override void Write(byte[] buffer, int offset, int count)
            {
                if (_written + count > _limit)
                    throw new LibvirtException(ErrorCode.Rpc, ErrorDomain.Streams,
                        $"The host sent more than the {_limit} bytes expected on this stream; the stream has been aborted.");
                _written += count;
                _inner.Write(buffer, offset, count);
            }

            public override bool CanRead => false;
            public override bool CanSeek => false;
            public override bool CanWrite => true;
            public override long Length => _written;
            public override long Position { get => _written; set => throw new NotSupportedException(); }
            public override void Flush() { }
            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
        }
    }
}
