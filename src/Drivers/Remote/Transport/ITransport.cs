using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Libvirt.Drivers.Remote.Transport
{
    /// <summary>
    /// How the RPC bytes reach the daemon. A transport only opens a byte stream; the RPC layer on top is the
    /// same for every transport (unix today; tls, tcp, ssh later).
    /// </summary>
    internal interface ITransport
    {
        /// <summary>Where the transport connects, for messages: a socket path, host:port, ...</summary>
        string Description { get; }

        /// <summary>Whether the channel protects the bytes (libvirt counts unix, tls and ssh as secure).</summary>
        bool IsSecure { get; }

        Task<Stream> ConnectAsync(CancellationToken cancellationToken);
    }
}
