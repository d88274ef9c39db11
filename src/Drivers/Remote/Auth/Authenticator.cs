using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Drivers.Remote.Protocol;
using Libvirt.Drivers.Remote.Protocol.Procedures;
using Libvirt.Drivers.Remote.Rpc;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Uris;

namespace Libvirt.Drivers.Remote.Auth
{
    /// <summary>
    /// The authentication step right after connecting: AUTH_LIST, then the first offered method (or the one
    /// the URI's auth= asks for). none needs nothing, polkit is one AUTH_POLKIT call; SASL is not done yet.
    /// </summary>
    internal static class Authenticator
    {
        public static async Task AuthenticateAsync(RpcClient client, LibvirtUri uri, CancellationToken cancellationToken)
        {
            var offered = await client.CallAsync(ConnectProcedures.AuthList, None.Value, cancellationToken).ConfigureAwait(false);
            if (offered.Length == 0) return; // old daemons answer an empty list when no auth is required
            var method = Choose(offered, uri.GetQueryValue("auth"), uri);
            switch (method)
            {
                case AuthType.None:
                    return;
                case AuthType.Polkit:
                    var complete = await client.CallAsync(ConnectProcedures.AuthPolkit, None.Value, cancellationToken).ConfigureAwait(false);
                    if (!complete)
                        throw new LibvirtException(ErrorCode.AuthFailed, ErrorDomain.Auth, "Authentication failed: polkit did not grant access.") { Target = uri.OriginalString };
                    return;
                case AuthType.Sasl:
                    throw new LibvirtException(ErrorCode.NoSupport, ErrorDomain.Auth,
                        $"The daemon at '{uri}' requires SASL authentication, which the remote driver does not support yet.") { Target = uri.OriginalString };
                default:
                    throw new LibvirtException(ErrorCode.AuthFailed, ErrorDomain.Auth, $"The daemon offered unknown authentication type {(int)method}.") { Target = uri.OriginalString };
            }
        }

        private static AuthType Choose(AuthType[] offered, string? wanted, LibvirtUri uri)
        {
            if (string.IsNullOrEmpty(wanted)) return offered[0];
            var kind = wanted!.Split('.')[0].ToLowerInvariant();
            AuthType want;
            switch (kind)
            {
                case "sasl": want = AuthType.Sasl; break;
                case "polkit": want = AuthType.Polkit; break;
                case "none": want = AuthType.None; break;
                default:
                    throw new LibvirtException(ErrorCode.AuthFailed, ErrorDomain.Auth, $"Unknown authentication type '{wanted}' in '{uri}'.") { Target = uri.OriginalString };
            }
            if (!offered.Contains(want))
                throw new LibvirtException(ErrorCode.AuthFailed, ErrorDomain.Auth,
                    $"Requested authentication type '{wanted}' is not offered by the daemon (it offers {string.Join(", ", offered.Select(o => o.ToString().ToLowerInvariant()))}).") { Target = uri.OriginalString };
            return want;
        }
    }
}
