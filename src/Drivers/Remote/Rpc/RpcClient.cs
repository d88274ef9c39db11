using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Drivers.Remote.Framing;
using Libvirt.Drivers.Remote.Xdr;
using Libvirt.Engine.Errors;

namespace Libvirt.Drivers.Remote.Rpc
{
    /// <summary>
    /// One RPC connection to a libvirt daemon. Many calls may be in flight at once: each gets its own serial
    /// and a single reader loop matches REPLY packets to calls by serial (the daemon may answer out of
    /// order). MESSAGE packets are keepalive (answered here) or events (handed to subscribers by program and
    /// procedure). When the connection fails, every pending and later call fails with the same error.
    /// Every reply header is checked against its call (<see cref="ReplyCheck"/>); anything a libvirt daemon
    /// would not send closes the connection as broken. What the peer can make us hold is bounded
    /// (<see cref="RpcLimits"/>).
    /// </summary>
    internal sealed class RpcClient : IDisposable
    {
        private readonly Stream _stream;
        private readonly Action<string>? _verbose;
        private readonly SemaphoreSlim _writeLock = new SemaphoreSlim(1, 1);
        private readonly ConcurrentDictionary<uint, PendingCall> _pending = new ConcurrentDictionary<uint, PendingCall>();
        private readonly ConcurrentDictionary<uint, RpcStream> _streams = new ConcurrentDictionary<uint, RpcStream>();
        private readonly Dictionary<(uint Program, int Procedure), List<Action<Packet>>> _subscribers = new Dictionary<(uint, int), List<Action<Packet>>>();
        private readonly CancellationTokenSource _shutdown = new CancellationTokenSource();
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly RpcLimits _limits;
        private readonly SemaphoreSlim _callSlots;
        private readonly AbandonedCalls _abandoned;
        private readonly MemoryBudget _budget;
        private int _queuedPongs;
        private readonly Task _readLoop;
        private long _lastReceivedMs;
        private long _callCount;
        private long _packetsReceived;
        private int _nextSerial = -1; // libvirt's client starts at serial 0
        private KeepAlive? _keepAlive;
        private LibvirtException? _failure;

        public RpcClient(Stream stream, Action<string>? verbose = null, RpcLimits? limits = null)
        {
            _stream = stream ?? throw new ArgumentNullException(nameof(stream));
            _verbose = verbose;
            _limits = limits ?? new RpcLimits();
            _callSlots = new SemaphoreSlim(_limits.MaxPendingCalls, _limits.MaxPendingCalls);
            _abandoned = new AbandonedCalls(_limits.MaxAbandonedCalls);
            _budget = new MemoryBudget(_limits.MemoryBudgetBytes);
            _readLoop = Task.Run(ReadLoopAsync);
        }

        /// <summary>How many calls this connection has sent: the measure of round trips.</summary>
        public long CallCount => Interlocked.Read(ref _callCount);

        /// <summary>Why the connection is closed, or null while it is usable.</summary>
        public LibvirtException? Failure => Volatile.Read(ref _failure);

        /// <summary>
        /// Raised once when the connection fails or closes, before any pending call is failed: whoever
        /// watches the connection knows it is dead by the time a caller sees the error. Handlers must be quick.
        /// </summary>
        public event Action<LibvirtException>? Closed;

        /// <summary>Time since the peer last sent anything, for keepalive.</summary>
        internal TimeSpan Silence => TimeSpan.FromMilliseconds(_clock.ElapsedMilliseconds - Interlocked.Read(ref _lastReceivedMs));

        /// <summary>Changes whenever a packet arrives, so keepalive can tell "still silent" from "heard again".</summary>
        internal long PacketsReceived => Interlocked.Read(ref _packetsReceived);

        /// <summary>Calls waiting for their reply now.</summary>
        internal int PendingCount => _pending.Count;

        /// <summary>Bytes of received packets not yet taken by their callers.</summary>
        internal long BufferedBytes => _budget.Used;

        /// <summary>PONGs owed to the peer and not yet written.</summary>
        internal int QueuedPongs => Volatile.Read(ref _queuedPongs);

        public TReply Call<TArgs, TReply>(Procedure<TArgs, TReply> procedure, TArgs args, CancellationToken cancellationToken) =>
            CallAsync(procedure, args, cancellationToken).GetAwaiter().GetResult();

        public async Task<TReply> CallAsync<TArgs, TReply>(Procedure<TArgs, TReply> procedure, TArgs args, CancellationToken cancellationToken)
        {
            var w = new XdrWriter();
            procedure.WriteArgs(w, args);
            var reply = await CallRawAsync(procedure.Program, procedure.Version, procedure.Number, w.ToArray(), procedure.Name, cancellationToken).ConfigureAwait(false);
            var r = new XdrReader(reply.Payload);
            return procedure.ReadReply(r);
        }

        /// <summary>
        /// Calls a procedure that opens a stream (@readstream/@writestream in libvirt's protocol): the stream
        /// is known to the reader before the CALL is sent, so data right behind the REPLY is never missed.
        /// When the call fails the stream is forgotten and the daemon's error thrown.
        /// </summary>
        public async Task<(TReply Reply, RpcStream Stream)> OpenStreamAsync<TArgs, TReply>(Procedure<TArgs, TReply> procedure, TArgs args, CancellationToken cancellationToken)
        {
            var w = new XdrWriter();
            procedure.WriteArgs(w, args);
            var stream = new RpcStream(this, procedure.Program, procedure.Version, procedure.Number, procedure.Name, _limits.StreamBufferBytes);
            try
            {
                var reply = await CallRawAsync(procedure.Program, procedure.Version, procedure.Number, w.ToArray(), procedure.Name, cancellationToken, stream).ConfigureAwait(false);
                return (procedure.ReadReply(new XdrReader(reply.Payload)), stream);
            }
            catch (OperationCanceledException)
            {
                // The daemon may have opened its side already: tell it to drop it.
                await stream.AbortAsync().ConfigureAwait(false);
                throw;
            }
            catch
            {
                ForgetStream(stream, expectReply: false);
                throw;
            }
        }

        /// <summary>Streams open now.</summary>
        internal int StreamCount => _streams.Count;

        /// <summary>Sends one STREAM or STREAM_HOLE packet of <paramref name="stream"/>.</summary>
        internal Task SendStreamPacketAsync(RpcStream stream, MessageType type, MessageStatus status, byte[] payload, CancellationToken cancellationToken)
        {
            var header = new PacketHeader(stream.Program, stream.Version, stream.Procedure, type, stream.Serial, status);
            return SendAsync(PacketCodec.Encode(header, payload), cancellationToken);
        }

        /// <summary>
        /// The stream is over for us. With <paramref name="expectReply"/> (we aborted), the daemon's answering
        /// REPLY is recognised and dropped like a cancelled call's.
        /// </summary>
        internal void ForgetStream(RpcStream stream, bool expectReply)
        {
            if (expectReply) _abandoned.Add(new PendingCall(stream.Serial, stream.Program, stream.Version, stream.Procedure, stream.What));
            if (_streams.TryGetValue(stream.Serial, out var known) && ReferenceEquals(known, stream))
                ((ICollection<KeyValuePair<uint, RpcStream>>)_streams).Remove(new KeyValuePair<uint, RpcStream>(stream.Serial, stream));
            stream.DrainTo(_budget);
        }

        /// <summary>A stream's reader took a packet: its bytes leave the connection's budget.</summary>
        internal void ReleaseStreamBytes(int bytes) => _budget.Release(bytes);

        /// <summary>Sends a CALL and waits for its REPLY. A REPLY with status ERROR throws the daemon's error.</summary>
        public async Task<Packet> CallRawAsync(uint program, uint version, int procedure, byte[] payload, string what, CancellationToken cancellationToken) =>
            await CallRawAsync(program, version, procedure, payload, what, cancellationToken, null).ConfigureAwait(false);

        private async Task<Packet> CallRawAsync(uint program, uint version, int procedure, byte[] payload, string what, CancellationToken cancellationToken, RpcStream? stream)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ThrowIfFailed();
            // A full set of calls in flight makes further callers wait; it never grows past the limit.
            await _callSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
            PendingCall? call = null;
            try
            {
                ThrowIfFailed();
                var serial = unchecked((uint)Interlocked.Increment(ref _nextSerial));
                call = new PendingCall(serial, program, version, procedure, what);
                _pending[serial] = call;
                if (stream != null)
                {
                    stream.Bind(serial);
                    _streams[serial] = stream;
                }
                using (cancellationToken.Register(() => Abandon(call, cancellationToken)))
                {
                    var header = new PacketHeader(program, version, procedure, MessageType.Call, serial, MessageStatus.Ok);
                    Interlocked.Increment(ref _callCount);
                    await SendAsync(PacketCodec.Encode(header, payload), cancellationToken).ConfigureAwait(false);
                    var reply = await call.Reply.ConfigureAwait(false);
                    _budget.Release(reply.WireLength); // the caller holds it now
                    if (reply.Header.Status == MessageStatus.Error)
                        throw RemoteError.Read(new XdrReader(reply.Payload)).ToException();
                    return reply;
                }
            }
            finally
            {
                if (call != null) _pending.TryRemove(call.Serial, out _);
                _callSlots.Release();
            }
        }

        /// <summary>Sends a MESSAGE packet (no reply expected): keepalive PING and PONG.</summary>
        public Task SendMessageAsync(uint program, int procedure, byte[] payload, CancellationToken cancellationToken)
        {
            var header = new PacketHeader(program, Programs.Version1, procedure, MessageType.Message, 0, MessageStatus.Ok);
            return SendAsync(PacketCodec.Encode(header, payload), cancellationToken);
        }

        /// <summary>
        /// Calls <paramref name="handler"/> for every MESSAGE packet of this program and procedure (events).
        /// Handlers run on the reader loop: they must be quick and must not call back into this client synchronously.
        /// </summary>
        public IDisposable Subscribe(uint program, int procedure, Action<Packet> handler)
        {
            lock (_subscribers)
            {
                if (!_subscribers.TryGetValue((program, procedure), out var list))
                    _subscribers[(program, procedure)] = list = new List<Action<Packet>>();
                list.Add(handler);
            }
            return new Subscription(this, program, procedure, handler);
        }

        /// <summary>Starts sending PINGs after <paramref name="interval"/> of silence; closes after <paramref name="count"/> unanswered.</summary>
        public void StartKeepAlive(TimeSpan interval, int count)
        {
            if (interval <= TimeSpan.Zero || count <= 0) return;
            _keepAlive?.Dispose();
            _keepAlive = new KeepAlive(this, interval, count);
        }

        public void StopKeepAlive()
        {
            _keepAlive?.Dispose();
            _keepAlive = null;
        }

        public void Dispose()
        {
            Fail(new LibvirtException(ErrorCode.InvalidConn, ErrorDomain.Rpc, "The connection to the libvirt daemon has been closed by the client."));
            try { _readLoop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
            _shutdown.Dispose();
        }

        /// <summary>
        /// Closes the connection, raises <see cref="Closed"/>, then fails every pending call with
        /// <paramref name="error"/>. Only the first error counts.
        /// </summary>
        internal void Fail(LibvirtException error)
        {
            if (Interlocked.CompareExchange(ref _failure, error, null) != null) return;
            _keepAlive?.Dispose();
            try { _shutdown.Cancel(); } catch (ObjectDisposedException) { }
            try { _stream.Dispose(); } catch (IOException) { } catch (ObjectDisposedException) { }
            // Listeners first (a throwing one must not stop the clean-up): a caller woken by the failure
            // below must find the connection already known dead, or it could retry on it.
            try { _verbose?.Invoke("RPC connection closed: " + error.Message); } catch (Exception) { }
            try { Closed?.Invoke(error); } catch (Exception) { }
            foreach (var serial in _pending.Keys)
                if (_pending.TryRemove(serial, out var call)) call.Fail(error);
            foreach (var serial in _streams.Keys)
                if (_streams.TryRemove(serial, out var stream))
                {
                    stream.Fail(error);
                    stream.DrainTo(_budget);
                }
        }

        /// <summary>A cancelled call: its caller stops waiting, and its reply, if the daemon still sends one, is dropped.</summary>
        private void Abandon(PendingCall call, CancellationToken token)
        {
            // Known as abandoned before it stops being pending, so the reader never sees it as neither.
            _abandoned.Add(call);
            if (_pending.TryRemove(call.Serial, out _)) call.Cancel(token);
            else _abandoned.Take(call.Serial); // answered or failed meanwhile
        }

        private void ThrowIfFailed()
        {
            var failure = Failure;
            if (failure != null)
                throw new LibvirtException(failure.Code, failure.Domain, failure.Message, failure);
        }

        private async Task SendAsync(byte[] packet, CancellationToken cancellationToken)
        {
            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                ThrowIfFailed();
                // Once started, a packet is written whole: stopping half way would corrupt the stream for every other call.
                await _stream.WriteAsync(packet, 0, packet.Length, CancellationToken.None).ConfigureAwait(false);
                await _stream.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException || e is ObjectDisposedException)
            {
                // The connection may have failed for another reason first (the reader saw it close): report
                // that one, so every call of a dead connection fails with the same error.
                Fail(ConnectionLost(e));
                ThrowIfFailed();
                throw;
            }
            finally
            {
                _writeLock.Release();
            }
        }

        private async Task ReadLoopAsync()
        {
            try
            {
                // Buffered: pipelined replies arrive many to a read.
                var reader = new PacketReader(_stream);
                while (!_shutdown.IsCancellationRequested)
                {
                    var packet = await reader.ReadAsync(_budget.Reserve, _shutdown.Token).ConfigureAwait(false);
                    if (packet == null)
                    {
                        Fail(new LibvirtException(ErrorCode.SystemError, ErrorDomain.Rpc, "The libvirt daemon closed the connection."));
                        return;
                    }
                    Interlocked.Exchange(ref _lastReceivedMs, _clock.ElapsedMilliseconds);
                    Interlocked.Increment(ref _packetsReceived);
                    var room = Dispatch(packet);
                    // A stream's reader is behind: read nothing more until it catches up (back-pressure).
                    if (room != null) await room.ConfigureAwait(false);
                }
            }
            catch (LibvirtException e) { Fail(e); }
            catch (OperationCanceledException) when (_shutdown.IsCancellationRequested) { }
            catch (Exception e) when (e is IOException || e is ObjectDisposedException || e is System.Net.Sockets.SocketException)
            {
                Fail(ConnectionLost(e));
            }
            catch (Exception e)
            {
                // Whatever else the stream throws, pending calls must not wait forever for a reader that is gone.
                Fail(ConnectionLost(e));
            }
        }

        /// <summary>
        /// Routes one packet. Throwing a LibvirtException here closes the connection as broken. Returns a task
        /// to wait for before reading on when a stream's reader is behind, otherwise null.
        /// </summary>
        private Task? Dispatch(Packet packet)
        {
            var h = packet.Header;
            switch (h.Type)
            {
                case MessageType.Reply:
                case MessageType.ReplyWithFds:
                    DispatchReply(packet);
                    return null;
                case MessageType.Message:
                    try
                    {
                        // Never route MESSAGE packets by serial: libvirt 9.0 sends events with serial 1.
                        if (h.Program == Programs.KeepAlive) OnKeepAlive(h);
                        else Publish(packet);
                    }
                    finally { _budget.Release(packet.WireLength); } // handlers ran synchronously: nothing is kept
                    return null;
                case MessageType.Stream:
                case MessageType.StreamHole:
                    if (_streams.TryGetValue(h.Serial, out var stream)) return stream.Deliver(packet, _budget);
                    // Like libvirt's client: data for a stream we do not have (any more) is ignored.
                    _budget.Release(packet.WireLength);
                    _verbose?.Invoke($"Ignored stream data for no open stream: {h}");
                    return null;
                default:
                    throw ReplyCheck.UnexpectedType(h);
            }
        }

        private void DispatchReply(Packet packet)
        {
            var h = packet.Header;
            if (!_pending.ContainsKey(h.Serial) && _streams.TryGetValue(h.Serial, out var stream))
            {
                // After its opening reply, a REPLY on a stream's serial is the daemon's answer to our finish.
                var violation0 = ReplyCheck.Verify(h, new PendingCall(h.Serial, stream.Program, stream.Version, stream.Procedure, stream.What));
                if (violation0 != null) throw violation0;
                try { stream.OnReply(packet); }
                finally { _budget.Release(packet.WireLength); }
                return;
            }
            var abandoned = _pending.TryGetValue(h.Serial, out var call) ? null : _abandoned.Take(h.Serial);
            var violation = ReplyCheck.Verify(h, call ?? abandoned);
            if (violation != null) throw violation; // the call stays pending, so Fail fails it with the rest
            if (call != null && _pending.TryRemove(h.Serial, out _) && call.Complete(packet)) return;
            // A reply to a call its caller gave up on: legitimate, and nobody will take it.
            _budget.Release(packet.WireLength);
            _verbose?.Invoke($"Dropped the reply to a cancelled call: {h}");
        }

        private void OnKeepAlive(PacketHeader h)
        {
            if (h.Procedure != (int)KeepAliveProcedure.Ping) return; // a PONG only proves the peer is alive, already noted
            // A daemon PINGs every few seconds; one that PINGs faster than it reads our PONGs is flooding us.
            if (Interlocked.Increment(ref _queuedPongs) > _limits.MaxQueuedPongs)
                throw new LibvirtException(ErrorCode.Rpc, ErrorDomain.Rpc,
                    $"The libvirt daemon sent keepalive PINGs faster than it reads the answers ({_limits.MaxQueuedPongs} PONGs waiting to be written); " +
                    "the connection is flooded and has been closed.");
            _ = AnswerPingAsync();
        }

        private async Task AnswerPingAsync()
        {
            try
            {
                await SendMessageAsync(Programs.KeepAlive, (int)KeepAliveProcedure.Pong, Array.Empty<byte>(), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // The connection is failing; SendAsync has already recorded why.
                _verbose?.Invoke("Could not answer a keepalive PING: " + e.Message);
            }
            finally
            {
                // Counted down as soon as the PONG is written, not when some later continuation gets a thread.
                Interlocked.Decrement(ref _queuedPongs);
            }
        }

        private void Publish(Packet packet)
        {
            Action<Packet>[] handlers;
            lock (_subscribers)
            {
                if (!_subscribers.TryGetValue((packet.Header.Program, packet.Header.Procedure), out var list) || list.Count == 0)
                {
                    _verbose?.Invoke($"No subscriber for server message {packet.Header}");
                    return;
                }
                handlers = list.ToArray();
            }
            foreach (var handler in handlers)
            {
                try { handler(packet); }
                catch (Exception e) { _verbose?.Invoke($"Event handler for procedure {packet.Header.Procedure} failed: {e.Message}"); }
            }
        }

        private void Unsubscribe(uint program, int procedure, Action<Packet> handler)
        {
            lock (_subscribers)
                if (_subscribers.TryGetValue((program, procedure), out var list)) list.Remove(handler);
        }

        private static LibvirtException ConnectionLost(Exception e) =>
            new LibvirtException(ErrorCode.SystemError, ErrorDomain.Rpc, "The connection to the libvirt daemon was lost: " + e.Message, e);

        private sealed class Subscription : IDisposable
        {
            private readonly RpcClient _client;
            private readonly uint _program;
            private readonly int _procedure;
            private Action<Packet>? _handler;

            public Subscription(RpcClient client, uint program, int procedure, Action<Packet> handler)
            {
                _client = client;
                _program = program;
                _procedure = procedure;
                _handler = handler;
            }

            public void Dispose()
            {
                var h = Interlocked.Exchange(ref _handler, null);
                if (h != null) _client.Unsubscribe(_program, _procedure, h);
            }
        }
    }
}
