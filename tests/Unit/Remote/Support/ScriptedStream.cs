using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Libvirt.Tests.Unit.Remote.Support
{
    /// <summary>
    /// A peer in memory: what the client writes is dropped; once it has written something, reads return
    /// the scripted bytes, then end of stream. For property tests that run thousands of exchanges.
    /// </summary>
    internal sealed class ScriptedStream : Stream
    {
        private readonly byte[] _script;
        private readonly TaskCompletionSource<bool> _written = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _position;

        public ScriptedStream(byte[] script) { _script = script; }

        public override bool CanRead => true;
        public override bool CanWrite => true;
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            await _written.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            var n = Math.Min(count, _script.Length - _position);
            Buffer.BlockCopy(_script, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            _written.TrySetResult(true);
            return Task.CompletedTask;
        }

        public override void Write(byte[] buffer, int offset, int count) => _written.TrySetResult(true);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
