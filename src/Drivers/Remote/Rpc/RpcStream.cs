using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Drivers.Remote.Framing;
using Libvirt.Drivers.Remote.Xdr;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Streams;

namespace Libvirt.Drivers.Remote.Rpc
{
    /// <summary>
    /// One virStream on an RPC connection (protocol.md §1.8): after the opening call's REPLY, STREAM packets
    /// with the call's program, procedure and serial carry the data both ways — status CONTINUE with bytes,
    /// OK (empty) at the end, ERROR to abort (from the daemon with a remote_error) — and STREAM_HOLE packets
    /// carry holes of sparse streams. A daemon ends its data with an empty CONTINUE packet. Finishing sends OK and waits for the daemon's OK (or its error REPLY);
    /// aborting sends an empty ERROR and forgets the stream (the daemon's answering REPLY is dropped as
    /// a cancelled call's would be).
    /// Back-pressure: the connection's reader queues what the daemon sends here and, once more than
    /// <see cref="RpcLimits.StreamBufferBytes"/> wait to be read, stops reading the socket until the reader
    /// of this stream takes some (TCP then slows the daemon down). Nothing else on the connection is read
    /// meanwhile, so a stream's reader must keep reading rather than wait for another call on the same connection.
    /// </summary>
    internal sealed class RpcStream : IDataStream
    {
        /// <summary>libvirt's own chunk size for stream data, the most one STREAM packet carries.</summary>
        public const int ChunkSize = DataStreams.ChunkSize;

        private readonly RpcClient _client;
        private readonly long _bufferLimit;
        private readonly object _lock = new object();
        private readonly Queue<Packet> _queue = new Queue<Packet>();
        private long _queuedBytes;
        private TaskCompletionSource<bool> _arrived = NewSignal();
        private TaskCompletionSource<bool> _room = NewSignal();
        private readonly TaskCompletionSource<bool> _finished = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private LibvirtException? _failure;
        private bool _finishSent, _closed, _eof;

        public RpcStream(RpcClient client, uint program, uint version, int procedure, string what, long bufferLimit)
        {
            _client = client;
            Program = program;
            Version = version;
            Procedure = procedure;
            What = what;
            _bufferLimit = bufferLimit;
        }

        public uint Program { get; }
        public uint Version { get; }
        public int Procedure { get; }
        public string What { get; }
        public uint Serial { get; private set; }

        /// <summary>Bytes the daemon sent that this stream's reader has not taken.</summary>
        internal long QueuedBytes { get { lock (_lock) return _queuedBytes; } }

        internal void Bind(uint serial) => Serial = serial;

        public async Task<StreamChunk> ReadAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                Task arrived;
                lock (_lock)
                {
                    if (_queue.Count > 0)
                    {
                        var packet = Take();
                        var chunk = ToChunk(packet);
                        if (chunk.HasValue) return chunk.Value;
                        continue;
                    }
                    if (_eof) return StreamChunk.End;
                    if (_failure != null) throw Copy(_failure);
                    if (_closed) throw Over();
                    arrived = _arrived.Task;
                }
                await WaitOrAbortAsync(arrived, cancellationToken).ConfigureAwait(false);
            }
        }

        public async Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            if (buffer == null) throw new ArgumentNullException(nameof(buffer));
            if (offset < 0 || count < 0 || offset + count > buffer.Length) throw new ArgumentOutOfRangeException(nameof(count));
            while (count > 0)
            {
                var n = Math.Min(count, ChunkSize);
                var payload = new byte[n];
                Buffer.BlockCopy(buffer, offset, payload, 0, n);
                await SendOrAbortAsync(MessageType.Stream, MessageStatus.Continue, payload, cancellationToken).ConfigureAwait(false);
                offset += n;
                count -= n;
            }
        }

        public Task WriteHoleAsync(long length, CancellationToken cancellationToken)
        {
            if (length <= 0) throw new ArgumentOutOfRangeException(nameof(length), "A hole has a positive length.");
            var w = new XdrWriter();
            w.WriteHyper(length);
            w.WriteUInt(0); // flags: none defined
            return SendOrAbortAsync(MessageType.StreamHole, MessageStatus.Continue, w.ToArray(), cancellationToken);
        }

        public async Task FinishAsync(CancellationToken cancellationToken)
        {
            lock (_lock)
            {
                if (_failure != null) throw Copy(_failure);
                if (_closed) throw Over();
                _finishSent = true;
            }
            await SendOrAbortAsync(MessageType.Stream, MessageStatus.Ok, Array.Empty<byte>(), cancellationToken).ConfigureAwait(false);
            await WaitOrAbortAsync(_finished.Task, cancellationToken).ConfigureAwait(false);
            await _finished.Task.ConfigureAwait(false); // its error, if the daemon refused to finish
        }

        public async Task AbortAsync()
        {
            lock (_lock)
            {
                if (_closed) return;
                Close(new LibvirtException(ErrorCode.OperationAborted, ErrorDomain.Streams, $"The stream of {What} has been aborted."));
            }
            // The daemon answers with an error REPLY on this serial: known as abandoned, it is dropped.
            _client.ForgetStream(this, expectReply: true);
            try { await _client.SendStreamPacketAsync(this, MessageType.Stream, MessageStatus.Error, Array.Empty<byte>(), CancellationToken.None).ConfigureAwait(false); }
            catch (LibvirtException) { } // the connection is gone: so is the stream
        }

        public void Dispose()
        {
            bool open;
            lock (_lock) open = !_closed;
            if (open) _ = AbortAsync();
        }

        // ---- called by the connection's reader loop ----

        /// <summary>
        /// Takes a STREAM or STREAM_HOLE packet for this stream. Returns a task that completes when there is
        /// room again (back-pressure), or null. Throws the connection-closing error for a malformed packet.
        /// </summary>
        internal Task? Deliver(Packet packet, MemoryBudget budget)
        {
            var h = packet.Header;
            if (h.Program != Program || h.Version != Version || h.Procedure != Procedure)
                throw ReplyCheck.Broken(ErrorCode.Rpc, $"stream data with prog {h.Program} vers {h.Version} proc {h.Procedure} for the stream of proc {Procedure} serial {h.Serial}");
            if (h.Type == MessageType.StreamHole)
            {
                if (h.Status != MessageStatus.Continue || packet.Payload.Length != 12 || new XdrReader(packet.Payload).ReadHyper() <= 0)
                    throw ReplyCheck.Broken(ErrorCode.Rpc, $"malformed stream hole (status {(int)h.Status}, {packet.Payload.Length} bytes)");
            }
            else if (h.Status != MessageStatus.Continue && h.Status != MessageStatus.Ok && h.Status != MessageStatus.Error)
                throw ReplyCheck.Broken(ErrorCode.Rpc, $"Unexpected message status {(int)h.Status}");

            lock (_lock)
            {
                if (_closed)
                {
                    budget.Release(packet.WireLength);
                    return null;
                }
                if (h.Type == MessageType.Stream && h.Status == MessageStatus.Error)
                {
                    // The daemon aborted the stream: its error, at once, for readers and writers alike.
                    budget.Release(packet.WireLength);
                    var error = packet.Payload.Length > 0
                        ? RemoteError.Read(new XdrReader(packet.Payload)).ToException()
                        : new LibvirtException(ErrorCode.Rpc, ErrorDomain.Streams, $"The daemon aborted the stream of {What}.");
                    Close(error);
                    _finished.TrySetException(error);
                    _client.ForgetStream(this, expectReply: false);
                    return null;
                }
                if (h.Type == MessageType.Stream && h.Status == MessageStatus.Ok && _finishSent)
                {
                    // The daemon confirms our finish.
                    budget.Release(packet.WireLength);
                    Close(null);
                    _finished.TrySetResult(true);
                    _client.ForgetStream(this, expectReply: false);
                    return null;
                }
                _queue.Enqueue(packet);
                _queuedBytes += packet.WireLength;
                _arrived.TrySetResult(true);
                if (_queuedBytes <= _bufferLimit) return null;
                if (_room.Task.IsCompleted) _room = NewSignal();
                return _room.Task;
            }
        }

        /// <summary>A REPLY on this stream's serial after its opening: the daemon's answer to our finish.</summary>
        internal void OnReply(Packet packet)
        {
            var error = packet.Header.Status == MessageStatus.Error
                ? RemoteError.Read(new XdrReader(packet.Payload)).ToException()
                : null;
            lock (_lock)
            {
                Close(error);
                if (error != null) _finished.TrySetException(error);
                else _finished.TrySetResult(true);
            }
            _client.ForgetStream(this, expectReply: false);
        }

        /// <summary>The connection failed: so did the stream.</summary>
        internal void Fail(LibvirtException error)
        {
            lock (_lock)
            {
                if (_closed) return;
                Close(error);
                _finished.TrySetException(error);
            }
        }

        /// <summary>Drops what is queued and gives back its budget; called when the stream is forgotten.</summary>
        internal void DrainTo(MemoryBudget budget)
        {
            lock (_lock)
            {
                while (_queue.Count > 0) budget.Release(_queue.Dequeue().WireLength);
                _queuedBytes = 0;
                _room.TrySetResult(true);
            }
        }

        // ---- inside ----

        private Packet Take()
        {
            var packet = _queue.Dequeue();
            _queuedBytes -= packet.WireLength;
            _client.ReleaseStreamBytes(packet.WireLength);
            if (_queuedBytes <= _bufferLimit) _room.TrySetResult(true);
            if (_queue.Count == 0 && _arrived.Task.IsCompleted) _arrived = NewSignal();
            return packet;
        }

        /// <summary>The chunk a queued packet stands for.</summary>
        private StreamChunk? ToChunk(Packet packet)
        {
            if (packet.Header.Type == MessageType.StreamHole)
                return StreamChunk.OfHole(new XdrReader(packet.Payload).ReadHyper());
            if (packet.Header.Status == MessageStatus.Ok)
            {
                _eof = true; // every later read sees the end too; the finish is the caller's to do
                return StreamChunk.End;
            }
            // An empty data packet is how a libvirt daemon says "no more data" (virStreamRecv then returns 0);
            // its STREAM OK only confirms our finish.
            if (packet.Payload.Length == 0)
            {
                _eof = true;
                return StreamChunk.End;
            }
            return StreamChunk.OfData(packet.Payload);
        }

        private async Task SendOrAbortAsync(MessageType type, MessageStatus status, byte[] payload, CancellationToken ct)
        {
            lock (_lock)
            {
                if (_failure != null) throw Copy(_failure);
                if (_closed) throw Over();
            }
            if (ct.IsCancellationRequested)
            {
                await AbortAsync().ConfigureAwait(false);
                ct.ThrowIfCancellationRequested();
            }
            await _client.SendStreamPacketAsync(this, type, status, payload, CancellationToken.None).ConfigureAwait(false);
        }

        private async Task WaitOrAbortAsync(Task task, CancellationToken ct)
        {
            if (!ct.CanBeCanceled) { await task.ConfigureAwait(false); return; }
            var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (ct.Register(() => cancelled.TrySetResult(true)))
            {
                if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) == task) return;
            }
            await AbortAsync().ConfigureAwait(false);
            throw new OperationCanceledException(ct);
        }

        private void Close(LibvirtException? error)
        {
            _closed = true;
            if (error != null && _failure == null) _failure = error;
            _arrived.TrySetResult(true);
            _room.TrySetResult(true);
        }

        private LibvirtException Over() =>
            new LibvirtException(ErrorCode.Rpc, ErrorDomain.Streams, $"The stream of {What} is already finished.");

        private static LibvirtException Copy(LibvirtException e) => new LibvirtException(e.Code, e.Domain, e.Message, e);

        private static TaskCompletionSource<bool> NewSignal() => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
