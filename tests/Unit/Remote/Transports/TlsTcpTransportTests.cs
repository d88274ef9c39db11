using System;
using System.Collections.Generic;
using System.IO;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Xunit;

namespace Libvirt.Tests.Unit.Remote.Transports
{
    [Trait("Category", TransportEndpoints.Trait)]
    [Collection(TransportEndpoints.Collection)]
    public sealed class TlsTcpTransportTests
    {
        private static string TlsUri(string host, string pki, string extra = "") =>
            $"test+tls://{host}:{TransportEndpoints.TlsPort}/default?pkipath={pki}{extra}";

        [TransportFact]
        public void Tls_with_a_pkcs8_client_key_lists_domains() =>
            TransportEndpoints.AssertListsDomains(TlsUri("127.0.0.1", TransportEndpoints.PkiClient));

        [TransportFact]
        public void Tls_with_a_pkcs1_client_key_and_a_dns_name_lists_domains() =>
            TransportEndpoints.AssertListsDomains(TlsUri("localhost", TransportEndpoints.PkiClientPkcs1));

        [TransportFact]
        public void Tls_is_the_default_transport_when_a_host_is_given() =>
            TransportEndpoints.AssertListsDomains($"test://127.0.0.1:{TransportEndpoints.TlsPort}/default?pkipath={TransportEndpoints.PkiClient}");

        [TransportFact]
        public void Tls_refuses_a_server_certificate_from_another_ca()
        {
            var e = TransportEndpoints.AssertFails(TlsUri("127.0.0.1", TransportEndpoints.PkiUntrusted));
            Assert.Equal(ErrorCode.GnutlsError, e.Code);
            Assert.Contains("not trusted", e.Message);
            Assert.Contains(Path.Combine(TransportEndpoints.PkiUntrusted, "cacert.pem"), e.Message);
        }

        [TransportFact]
        public void Tls_no_verify_accepts_that_certificate_with_a_warning()
        {
            var warnings = new List<string>();
            TransportEndpoints.AssertListsDomains(TlsUri("127.0.0.1", TransportEndpoints.PkiUntrusted, "&no_verify=1"),
                new ConnectOptions { Warning = warnings.Add });
            Assert.Contains(warnings, w => w.Contains("no_verify=1"));
        }

        [TransportFact]
        public void Tls_names_a_missing_client_key_file()
        {
            var e = TransportEndpoints.AssertFails(TlsUri("127.0.0.1", TransportEndpoints.PkiNoKey));
            Assert.Equal(ErrorCode.SystemError, e.Code);
            Assert.Contains(Path.Combine(TransportEndpoints.PkiNoKey, "clientkey.pem"), e.Message);
        }

        [TransportFact]
        public void Tls_names_a_missing_pki_folder()
        {
            var missing = Path.Combine(Path.GetTempPath(), "no-such-pki-" + Guid.NewGuid().ToString("N"));
            var e = TransportEndpoints.AssertFails(TlsUri("127.0.0.1", missing));
            Assert.Contains(Path.Combine(missing, "cacert.pem"), e.Message);
        }

        [TransportFact]
        public void Tcp_with_auth_none_lists_domains() =>
            TransportEndpoints.AssertListsDomains($"test+tcp://127.0.0.1:{TransportEndpoints.TcpPort}/default");

        [TransportFact]
        public void Tcp_to_a_closed_port_fails_quickly()
        {
            var e = TransportEndpoints.AssertFails("test+tcp://127.0.0.1:1/default", within: TimeSpan.FromSeconds(5));
            Assert.Equal(ErrorCode.SystemError, e.Code);
            Assert.Contains("127.0.0.1:1", e.Message);
        }

        [TransportFact]
        public void Tls_client_speaking_to_the_plain_tcp_port_fails_quickly()
        {
            var e = TransportEndpoints.AssertFails(
                $"test+tls://127.0.0.1:{TransportEndpoints.TcpPort}/default?pkipath={TransportEndpoints.PkiClient}",
                new ConnectOptions { ConnectTimeout = TimeSpan.FromSeconds(3) }, TimeSpan.FromSeconds(8));
            Assert.True(e.Code == ErrorCode.GnutlsError || e.Code == ErrorCode.OperationTimeout, e.Code + ": " + e.Message);
        }
    }
}
