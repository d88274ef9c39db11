using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Errors;

namespace Libvirt.Engine.Streams
{
    /// <summary>
    /// A stream whose host side is in this process (the embedded test hypervisor): what the host sends is a
    /// byte array handed out in chunks, what the caller writes is kept (holes as zeros) and handed to
    /// <c>onFinish</c> when the caller finishes. Completed tasks throughout: nothing here waits.
    /// </summary>
    public sealed class MemoryDataStream : IDataStream
    {
        private readonly byte[] _toCaller;
        private readonly int _chunkSize;
        private readonly Action<byte[]>? _onFinish;
        private readonly MemoryStream _fromCaller = new MemoryStream();
        private int _position;
        private bool _finished, _aborted;

        public MemoryDataStream(byte[] toCaller, int chunkSize = DataStreams.ChunkSize, Action<byte[]>? onFinish = null)
        {
            _toCaller = toCaller ?? Array.Empty<byte>();
            _chunkSize = chunkSize > 0 ? chunkSize : throw new ArgumentOutOfRangeException(nameof(chunkSize));
            _onFinish = onFinish;
        }

        public bool IsFinished => _finished;
        public bool IsAborted => _aborted;

        public Task<StreamChunk> ReadAsync(CancellationToken cancellationToken)
        {
            if (cancellationToken.IsCancellationRequested) { _aborted = true; return Task.FromCanceled<StreamChunk>(cancellationToken); }
            ThrowIfOver();
            if (_position >= _toCaller.Length) return Task.FromResult(StreamChunk.End);
            var n = Math.Min(_chunkSize, _toCaller.Length - _position);
            var data = new byte[n];
            Buffer.BlockCopy(_toCaller, _position, data, 0, n);
            _position += n;
            return Task.FromResult(StreamChunk.OfData(data));
        }

        public Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            if (cancellationToken.IsCancellationRequested) { _aborted = true; return Task.FromCanceled(cancellationToken); }
            ThrowIfOver();
            _fromCaller.Write(buffer, offset, count);
            return Task.CompletedTask;
        }

        public Task WriteHoleAsync(long length, CancellationToken cancellationToken)
        {
            ThrowIfOver();
            _fromCaller.SetLength(_fromCaller.Length + length);
            _fromCaller.Position = _fromCaller.Length;
            return Task.CompletedTask;
        }

        public Task FinishAsync(CancellationToken cancellationToken)
        {
            ThrowIfOver();
            _finished = true;
            _onFinish?.Invoke(_fromCaller.ToArray());
            return Task.CompletedTask;
        }

        public Task AbortAsync()
        {
            if (!_finished) _aborted = true;
            return Task.CompletedTask;
        }

        public void Dispose()
        {
            if (!_finished) _aborted = true;
        }

        private void ThrowIfOver()
        {
            if (_finished || _aborted)
                throw new LibvirtException(ErrorCode.Rpc, ErrorDomain.Streams, _finished ? "The stream is already finished." : "The stream has been aborted.");
        }
    }
}
