using Libvirt.Engine.Connections;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Uris;

namespace Libvirt.Drivers.Remote.Transport
{
    /// <summary>The one place that picks a transport for a URI.</summary>
    internal static class TransportFactory
    {
        public static ITransport Create(LibvirtUri uri, ConnectOptions options)
        {
            switch (uri.Transport)
            {
                case UriTransport.Unix:
                case UriTransport.None:
                    if (!string.IsNullOrEmpty(uri.Host))
                        throw new LibvirtException(ErrorCode.InvalidArg, ErrorDomain.Remote,
                            $"The unix transport connects to the local host only, but '{uri}' names host '{uri.Host}'.") { Target = uri.OriginalString };
                    return new UnixSocketTransport(new UnixSocketPath().Resolve(uri, options.ReadOnly), options.ConnectTimeout);
                case UriTransport.Tls:
                    RequireHost(uri);
                    return new TlsTransport(uri, Pki.PkiFiles.Resolve(uri), options.ConnectTimeout, options.Warning, options.Verbose);
                case UriTransport.Tcp:
                    return new TcpTransport(RequireHost(uri), uri.Port, options.ConnectTimeout);
                default:
                    throw new LibvirtException(ErrorCode.NoSupport, ErrorDomain.Remote,
                        $"The remote driver does not support the '{uri.Transport.ToString().ToLowerInvariant()}' transport yet (URI '{uri}'); use a unix socket URI such as qemu+unix:///system.")
                    { Target = uri.OriginalString };
            }
        }

        private static string RequireHost(LibvirtUri uri) =>
            !string.IsNullOrEmpty(uri.Host) ? uri.Host!
            : throw new LibvirtException(ErrorCode.InvalidArg, ErrorDomain.Remote,
                $"The {uri.Transport.ToString().ToLowerInvariant()} transport needs a host name in the URI '{uri}'.") { Target = uri.OriginalString };
    }
}
