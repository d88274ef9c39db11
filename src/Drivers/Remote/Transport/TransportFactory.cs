using Libvirt.Engine.Drivers;
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
                case UriTransport.Ssh:
                    RequireHost(uri);
                    return new SshProcessTransport(uri, SshUser(uri, options), options.ReadOnly, options.Warning, options.Verbose);
                case UriTransport.Libssh:
                case UriTransport.Libssh2:
                    RequireHost(uri);
                    return new LibsshTransport(uri, options.Credential, options.ReadOnly, options.ConnectTimeout, options.Warning, options.Verbose);
                default:
                    throw new LibvirtException(ErrorCode.NoSupport, ErrorDomain.Remote,
                        $"The remote driver does not support the '{uri.Transport.ToString().ToLowerInvariant()}' transport yet (URI '{uri}'); supported transports are unix, tls, tcp, ssh and libssh.")
                    { Target = uri.OriginalString };
            }
        }

        /// <summary>The URI's user, else the user name of -Credential (its password cannot be given to ssh).</summary>
        private static string? SshUser(LibvirtUri uri, ConnectOptions options)
        {
            if (!string.IsNullOrEmpty(uri.User)) return uri.User;
            var name = options.Credential?.UserName;
            if (!string.IsNullOrEmpty(options.Credential?.Password))
                options.Warning?.Invoke("The ssh transport cannot pass a password to the ssh client: it uses keys, an agent, or asks on the terminal. Use the libssh transport to log in with -Credential's password.");
            return string.IsNullOrEmpty(name) ? null : name;
        }

        private static string RequireHost(LibvirtUri uri) =>
            !string.IsNullOrEmpty(uri.Host) ? uri.Host!
            : throw new LibvirtException(ErrorCode.InvalidArg, ErrorDomain.Remote,
                $"The {uri.Transport.ToString().ToLowerInvariant()} transport needs a host name in the URI '{uri}'.") { Target = uri.OriginalString };
    }
}
