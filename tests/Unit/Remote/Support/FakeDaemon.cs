using System;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Drivers.Remote.Framing;
using Libvirt.Drivers.Remote.Protocol;
using Libvirt.Drivers.Remote.Rpc;
using Libvirt.Drivers.Remote.Xdr;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Uris;
using Libvirt.Drivers.Remote;

namespace Libvirt.Tests.Unit.Remote.Support
{
    /// <summary>
    /// A scripted libvirtd on a real unix socket (so the client's own transport is used): the test reads the
    /// client's packets and writes exactly the replies, errors, events or garbage it wants to test.
    /// </summary>
    internal sealed class FakeDaemon : IDisposable
    {
        private readonly string _dir;
        private readonly Socket _listener;
        private Socket? _peer;
        private readonly System.Collections.Generic.List<Socket> _earlierPeers = new System.Collections.Generic.List<Socket>();
        private NetworkStream? _stream;
        private readonly System.Collections.Generic.List<IDisposable> _drivers = new System.Collections.Generic.List<IDisposable>();

        public FakeDaemon()
        {
            _dir = Path.Combine(Path.GetTempPath(), "lvps-fake-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(_dir);
            SocketPath = Path.Combine(_dir, "libvirt-sock");
            _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            _listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
            _listener.Listen(4);
        }

        public string SocketPath { get; }

        public string TestUri => $"test+unix:///default?socket={SocketPath}";

        public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

        public async Task AcceptAsync()
        {
            // An earlier client stays connected (and is closed at Dispose): tests may hold two at once.
            if (_peer != null) _earlierPeers.Add(_peer);
            _peer = await _listener.AcceptAsync().WaitAsync(Timeout);
            _stream = new NetworkStream(_peer, ownsSocket: false);
        }

        /// <summary>Connects an RpcClient (through the driver's unix transport) and accepts it here.</summary>
        public async Task<RpcClient> ConnectClientAsync(RpcLimits? limits = null)
        {
            var transport = new Libvirt.Drivers.Remote.Transport.UnixSocketTransport(SocketPath, TimeSpan.FromSeconds(5));
            var accept = AcceptAsync();
            var stream = await transport.ConnectAsync(CancellationToken.None);
            await accept;
            return new RpcClient(stream, limits: limits);
        }

        /// <summary>Opens a RemoteDriver against this fake, answering the handshake.</summary>
        public async Task<RemoteDriver> OpenDriverAsync(ConnectOptions? options = null, bool keepAliveSupported = true)
        {
            options ??= new ConnectOptions { KeepAliveInterval = TimeSpan.Zero };
            var open = Task.Run(() => RemoteDriver.Open(LibvirtUri.Parse(TestUri), options, CancellationToken.None));
            await AcceptAsync();
            await ServeHandshakeAsync(options.KeepAliveInterval > TimeSpan.Zero, keepAliveSupported);
            var driver = await open.WaitAsync(Timeout);
            _drivers.Add(driver);
            return driver;
        }

        public async Task ServeHandshakeAsync(bool expectKeepAliveProbe, bool keepAliveSupported = true)
        {
            var auth = await ExpectCallAsync(RemoteProcedure.AuthList);
            await ReplyAsync(auth, w => { w.WriteUInt(1); w.WriteInt((int)AuthType.None); });
            if (expectKeepAliveProbe)
            {
                var probe = await ExpectCallAsync(RemoteProcedure.ConnectSupportsFeature);
                await ReplyAsync(probe, w => w.WriteInt(keepAliveSupported ? 1 : 0));
            }
            var open = await ExpectCallAsync(RemoteProcedure.ConnectOpen);
            await ReplyAsync(open, _ => { });
        }

        /// <summary>Answers the five calls of GetHost (sent together, so in any order) for a host named <paramref name="hostname"/>.</summary>
        public async Task ServeGetHostAsync(string hostname)
        {
            for (var i = 0; i < 5; i++)
            {
                Packet p;
                do p = await ReadAsync(); while (p.Header.Program == Programs.KeepAlive);
                switch ((RemoteProcedure)p.Header.Procedure)
                {
                    case RemoteProcedure.ConnectGetHostname: await ReplyAsync(p, w => w.WriteString(hostname)); break;
                    case RemoteProcedure.ConnectGetType: await ReplyAsync(p, w => w.WriteString("TEST")); break;
                    case RemoteProcedure.ConnectGetVersion: await ReplyAsync(p, w => w.WriteUHyper(2)); break;
                    case RemoteProcedure.ConnectGetLibVersion: await ReplyAsync(p, w => w.WriteUHyper(9000000)); break;
                    case RemoteProcedure.NodeGetInfo:
                        await ReplyAsync(p, w =>
                        {
                            for (var c = 0; c < 32; c++) w.WriteInt(c < 4 ? "i686"[c] : 0);
                            w.WriteUHyper(8 * 1024 * 1024);
                            for (var f = 0; f < 6; f++) w.WriteInt(f == 0 ? 16 : 1);
                        });
                        break;
                    default: throw new InvalidOperationException($"Expected one of GetHost's calls but got {p.Header}");
                }
            }
        }

        public async Task<Packet> ReadAsync()
        {
            var packet = await PacketCodec.ReadAsync(_stream!, CancellationToken.None).WaitAsync(Timeout);
            return packet ?? throw new EndOfStreamException("The client closed the connection.");
        }

        /// <summary>Reads the next packet, skipping keepalive traffic (and with <paramref name="skipOthers"/> any other procedure), and checks it is a CALL of this procedure.</summary>
        public async Task<Packet> ExpectCallAsync(RemoteProcedure procedure, bool skipOthers = false)
        {
            Packet p;
            do p = await ReadAsync();
            while (p.Header.Program == Programs.KeepAlive || (skipOthers && p.Header.Procedure != (int)procedure));
            if (p.Header.Type != MessageType.Call || p.Header.Program != Programs.Remote || p.Header.Procedure != (int)procedure)
                throw new InvalidOperationException($"Expected a CALL of {procedure} but got {p.Header}");
            return p;
        }

        public Task ReplyAsync(Packet call, Action<XdrWriter> writePayload) =>
            SendAsync(Reply(call.Header, MessageStatus.Ok), writePayload);

        public Task ReplyErrorAsync(Packet call, ErrorCode code, ErrorDomain domain, string message) =>
            SendAsync(Reply(call.Header, MessageStatus.Error), w => RemoteError.Create(code, domain, message).Write(w));

        public Task SendMessageAsync(uint program, int procedure, uint serial, Action<XdrWriter> writePayload) =>
            SendAsync(new PacketHeader(program, 1, procedure, MessageType.Message, serial, MessageStatus.Ok), writePayload);

        public async Task SendAsync(PacketHeader header, Action<XdrWriter> writePayload)
        {
            var w = new XdrWriter();
            writePayload(w);
            await SendRawAsync(PacketCodec.Encode(header, w.ToArray()));
        }

        public async Task SendRawAsync(byte[] bytes)
        {
            await _stream!.WriteAsync(bytes);
            await _stream.FlushAsync();
        }

        /// <summary>Drops the connections (the current one and any earlier) the way a crashed daemon would.</summary>
        public void DropConnection()
        {
            foreach (var peer in _earlierPeers) Drop(peer);
            if (_peer != null) Drop(_peer);
        }

        /// <summary>Drops every connection but the current one.</summary>
        public void DropEarlierConnections()
        {
            foreach (var peer in _earlierPeers) Drop(peer);
        }

        private static void Drop(Socket peer)
        {
            try { peer.Shutdown(SocketShutdown.Both); } catch (SocketException) { } catch (ObjectDisposedException) { }
            peer.Dispose();
        }

        private static PacketHeader Reply(PacketHeader call, MessageStatus status) =>
            new PacketHeader(call.Program, call.Version, call.Procedure, MessageType.Reply, call.Serial, status);

        /// <summary>Drops the connection first, so the drivers' Dispose does not wait for a CONNECT_CLOSE reply.</summary>
        public void Dispose()
        {
            DropConnection();
            foreach (var d in _drivers) d.Dispose();
            _stream?.Dispose();
            _peer?.Dispose();
            foreach (var p in _earlierPeers) p.Dispose();
            _listener.Dispose();
            try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
        }
    }
}
