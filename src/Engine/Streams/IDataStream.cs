using System;
using System.Threading;
using System.Threading.Tasks;

namespace Libvirt.Engine.Streams
{
    /// <summary>
    /// libvirt's virStream seen from the engine: the bytes one call moves after its reply (a screenshot, a
    /// console, a volume's upload or download). A stream goes one way or both; it ends with
    /// <see cref="FinishAsync"/> (both sides agree it is complete) or with <see cref="AbortAsync"/> (the host
    /// drops it). Disposing an unfinished stream aborts it, and so does cancelling any of its calls: a
    /// cancelled transfer never leaves the host's side open.
    /// Memory is bounded: a stream holds at most a few MiB that its reader has not taken (the connection
    /// stops reading the socket until the reader catches up), and a write returns when its bytes are sent.
    /// </summary>
    public interface IDataStream : IDisposable
    {
        /// <summary>The next piece from the host: data, a hole (sparse streams), or <see cref="StreamChunk.IsEnd"/>.</summary>
        Task<StreamChunk> ReadAsync(CancellationToken cancellationToken);

        /// <summary>Sends bytes to the host.</summary>
        Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken);

        /// <summary>Sends a hole of <paramref name="length"/> bytes (only on a stream opened sparse).</summary>
        Task WriteHoleAsync(long length, CancellationToken cancellationToken);

        /// <summary>Ends the stream normally and waits for the host to confirm it (its error if it refuses).</summary>
        Task FinishAsync(CancellationToken cancellationToken);

        /// <summary>Drops the stream on the host; never throws for a stream that is already over.</summary>
        Task AbortAsync();
    }

    /// <summary>One piece read from a stream.</summary>
    public readonly struct StreamChunk
    {
        private StreamChunk(byte[]? data, long holeLength, bool isEnd)
        {
            Data = data;
            HoleLength = holeLength;
            IsEnd = isEnd;
        }

        /// <summary>The bytes, or null for a hole or the end. The reader owns the array.</summary>
        public byte[]? Data { get; }

        /// <summary>The length of a hole (bytes that read as zeros), or 0.</summary>
        public long HoleLength { get; }

        /// <summary>The host has sent everything.</summary>
        public bool IsEnd { get; }

        public bool IsHole => HoleLength > 0;

        public static StreamChunk End { get; } = new StreamChunk(null, 0, true);

        public static StreamChunk OfData(byte[] data) => new StreamChunk(data ?? throw new ArgumentNullException(nameof(data)), 0, false);

        public static StreamChunk OfHole(long length) =>
            length > 0 ? new StreamChunk(null, length, false) : throw new ArgumentOutOfRangeException(nameof(length), "A hole has a positive length.");
    }
}
