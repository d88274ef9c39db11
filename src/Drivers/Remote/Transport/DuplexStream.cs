using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Errors;

namespace Libvirt.Drivers.Remote.Transport
{
    /// <summary>
    /// One bidirectional stream over a pair of one-way streams: reads come from <c>input</c> (a child process's
    /// stdout, an SSH channel's output), writes go to <c>output</c> (its stdin, the channel's input). When the
    /// peer goes away (end of input, or a write that fails) the stream asks <c>failure</c> why, so the RPC
    /// layer reports "ssh: Permission denied (publickey)" instead of a bare "end of stream".
    /// </summary>
    internal sealed class DuplexStream : Stream
    {
        private readonly Stream _input;
        private readonly Stream _output;
        private readonly Func<LibvirtException?> _failure;
        private readonly Action _close;
        private int _disposed;

        public DuplexStream(Stream input, Stream output, Func<LibvirtException?> failure, Action close)
        {
            _input = input;
            _output = output;
            _failure = failure;
            _close = close;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            int n;
            try { n = await _input.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false); }
            catch (Exception e) when ((e is IOException || e is ObjectDisposedException) && Volatile.Read(ref _disposed) == 0)
            {
                throw _failure() ?? throw new IOException(e.Message, e);
            }
            if (n == 0 && count > 0 && Volatile.Read(ref _disposed) == 0)
            {
                var why = _failure();
                if (why != null) throw why;
            }
            return n;
        }

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override async Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            try
            {
                await _output.WriteAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
                await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when ((e is IOException || e is ObjectDisposedException) && Volatile.Read(ref _disposed) == 0)
            {
                throw _failure() ?? throw new IOException(e.Message, e);
            }
        }

        public override void Flush() { }
        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0) _close();
            base.Dispose(disposing);
        }
    }
}
