using System;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Errors;

namespace Libvirt.Drivers.Remote.Transport
{
    /// <summary>A local daemon reached through its AF_UNIX stream socket.</summary>
    internal sealed class UnixSocketTransport : ITransport
    {
        private readonly TimeSpan _connectTimeout;

        public UnixSocketTransport(string socketPath, TimeSpan connectTimeout)
        {
            SocketPath = socketPath;
            _connectTimeout = connectTimeout;
        }

        public string SocketPath { get; }
        public string Description => SocketPath;
        public bool IsSecure => true;

        public async Task<Stream> ConnectAsync(CancellationToken cancellationToken)
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                var connect = socket.ConnectAsync(new UnixSocketEndPoint(SocketPath));
                var timeout = _connectTimeout > TimeSpan.Zero ? _connectTimeout : Timeout.InfiniteTimeSpan;
                var finished = await Task.WhenAny(connect, Task.Delay(timeout, cancellationToken)).ConfigureAwait(false);
                if (finished != connect)
                {
                    socket.Dispose();
                    cancellationToken.ThrowIfCancellationRequested();
                    throw new LibvirtException(ErrorCode.OperationTimeout, ErrorDomain.Rpc,
                        $"Timed out after {_connectTimeout.TotalSeconds:0.#} s connecting to socket '{SocketPath}'.") { Target = SocketPath };
                }
                await connect.ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                throw new LibvirtException(ErrorCode.SystemError, ErrorDomain.Rpc,
                    $"Failed to connect socket to '{SocketPath}': {Reason(e)}", e) { Target = SocketPath };
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        /// <summary>
        /// The reason as libvirt's client words it (strerror). .NET reports a missing socket file (ENOENT) as
        /// "Cannot assign requested address", which would send an admin looking at the network.
        /// </summary>
        private string Reason(SocketException e)
        {
            switch (e.SocketErrorCode)
            {
                case SocketError.AddressNotAvailable when !File.Exists(SocketPath):
                    return "No such file or directory";
                case SocketError.ConnectionRefused:
                    return "Connection refused";
                case SocketError.AccessDenied:
                    return "Permission denied";
                default:
                    return e.Message;
            }
        }
    }
}
