using System;
using System.Linq;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Libvirt.Drivers.Remote.Transport.Pki
{
    /// <summary>
    /// Checks the daemon's certificate the way libvirt's client does: it must chain to one of the certificates
    /// in the given CA file (the only trust anchors: a CA the system trusts is not enough), be valid now, be
    /// meant for server authentication, and match the host name of the URI. netstandard2.0 has no custom
    /// trust store, so the chain is built with the CA as an extra store and its root is then required to be
    /// one of the given CA certificates, with "untrusted root" the only error allowed.
    /// </summary>
    internal sealed class ServerCertificateValidator
    {
        private const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";
        private readonly X509Certificate2Collection _anchors;

        public ServerCertificateValidator(X509Certificate2Collection anchors) { _anchors = anchors; }

        /// <summary>Why the certificate is refused, or null when it is accepted.</summary>
        public string? Check(X509Certificate? certificate, SslPolicyErrors errors)
        {
            if (certificate == null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
                return "the server sent no certificate";
            if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
                return "the certificate's names do not match the host name in the URI";
            using var server = new X509Certificate2(certificate);
            using var chain = new X509Chain();
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
            chain.ChainPolicy.ApplicationPolicy.Add(new Oid(ServerAuthOid));
            chain.ChainPolicy.ExtraStore.AddRange(_anchors);
            chain.Build(server);
            var elements = chain.ChainElements.Cast<X509ChainElement>().ToList();
            var root = elements.LastOrDefault()?.Certificate;
            if (root == null || !_anchors.Cast<X509Certificate2>().Any(a => a.RawData.SequenceEqual(root.RawData)))
                return $"it is not signed by the CA in the CA certificate file (issuer '{server.Issuer}')";
            foreach (var status in chain.ChainStatus)
            {
                // The anchor is ours, not the system's, so "untrusted root" is expected; anything else is not.
                if (status.Status == X509ChainStatusFlags.NoError || status.Status == X509ChainStatusFlags.UntrustedRoot) continue;
                return $"{status.Status}: {status.StatusInformation.Trim()}";
            }
            return null;
        }
    }
}
