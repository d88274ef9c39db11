using System;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Errors;

namespace Libvirt.Drivers.Remote.Transport
{
    /// <summary>Opens a TCP connection to host:port within the connect timeout (every address the name resolves to is tried).</summary>
    internal static class TcpConnector
    {
        public static async Task<TcpClient> ConnectAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var client = new TcpClient(AddressFamily.InterNetworkV6);
            try
            {
                client.Client.DualMode = true;
                client.NoDelay = true;
                var connect = client.ConnectAsync(host, port);
                var delay = timeout > TimeSpan.Zero ? timeout : Timeout.InfiniteTimeSpan;
                var finished = await Task.WhenAny(connect, Task.Delay(delay, cancellationToken)).ConfigureAwait(false);
                if (finished != connect)
                {
                    client.Dispose();
                    _ = connect.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
                    cancellationToken.ThrowIfCancellationRequested();
                    throw new LibvirtException(ErrorCode.OperationTimeout, ErrorDomain.Rpc,
                        $"Timed out after {timeout.TotalSeconds:0.#} s connecting to {Describe(host, port)}.") { Target = Describe(host, port) };
                }
                await connect.ConfigureAwait(false);
                return client;
            }
            catch (SocketException e)
            {
                client.Dispose();
                throw new LibvirtException(ErrorCode.SystemError, ErrorDomain.Rpc,
                    $"unable to connect to server at '{Describe(host, port)}': {e.Message}", e) { Target = Describe(host, port) };
            }
            catch
            {
                client.Dispose();
                throw;
            }
        }

        public static string Describe(string host, int port) => host.IndexOf(':') >= 0 ? $"[{host}]:{port}" : $"{host}:{port}";
    }

    /// <summary>+tcp: the RPC bytes in the clear over TCP (port 16509). libvirt does not count it as secure.</summary>
    internal sealed class TcpTransport : ITransport
    {
        public const int DefaultPort = 16509;
        private readonly string _host;
        private readonly int _port;
        private readonly TimeSpan _timeout;

        public TcpTransport(string host, int? port, TimeSpan timeout)
        {
            _host = host;
            _port = port ?? DefaultPort;
            _timeout = timeout;
        }

        public string Description => "tcp " + TcpConnector.Describe(_host, _port);
        public bool IsSecure => false;

        public async Task<System.IO.Stream> ConnectAsync(CancellationToken cancellationToken)
        {
            var client = await TcpConnector.ConnectAsync(_host, _port, _timeout, cancellationToken).ConfigureAwait(false);
            return new System.Net.Sockets.NetworkStream(client.Client, ownsSocket: true);
        }
    }
}
