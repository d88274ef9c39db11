using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Libvirt.Drivers.Remote.Transport;
using Libvirt.Drivers.Remote.Transport.Pki;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Uris;
using Xunit;

namespace Libvirt.Tests.Unit.Remote.Transports
{
    /// <summary>Transport pieces that need no endpoint: key and certificate parsing, file locations, ssh command lines, known_hosts.</summary>
    public sealed class TransportUnitTests
    {
        private static LibvirtUri Uri(string s) => LibvirtUri.Parse(s);

        [Theory]
        [InlineData("qemu+tls://host/system", typeof(TlsTransport))]
        [InlineData("qemu://host/system", typeof(TlsTransport))]
        [InlineData("qemu+tcp://host/system", typeof(TcpTransport))]
        [InlineData("qemu+ssh://root@host/system", typeof(SshProcessTransport))]
        [InlineData("qemu+libssh://root@host/system", typeof(LibsshTransport))]
        [InlineData("qemu+libssh2://root@host/system", typeof(LibsshTransport))]
        public void The_factory_picks_the_transport_of_the_uri(string uri, Type expected) =>
            Assert.IsType(expected, TransportFactory.Create(Uri(uri), new ConnectOptions()));

        [Theory]
        [InlineData("qemu+tcp:///system")]
        [InlineData("qemu+ssh:///system")]
        public void Network_transports_need_a_host(string uri) =>
            Assert.Equal(ErrorCode.InvalidArg, Assert.Throws<LibvirtException>(() => TransportFactory.Create(Uri(uri), new ConnectOptions())).Code);

        // --- PEM / DER / private keys ---

        [Fact]
        public void Rsa_keys_read_from_pkcs1_and_pkcs8_equal_the_runtime_export()
        {
            using var rsa = RSA.Create(2048);
            var expected = rsa.ExportParameters(true);
            foreach (var pem in new[] { rsa.ExportRSAPrivateKeyPem(), rsa.ExportPkcs8PrivateKeyPem() })
            {
                using var key = Assert.IsAssignableFrom<RSA>(PrivateKeyReader.Read(pem));
                var actual = key.ExportParameters(true);
                Assert.Equal(expected.Modulus, actual.Modulus);
                Assert.Equal(expected.D, actual.D);
                Assert.Equal(expected.InverseQ, actual.InverseQ);
            }
        }

        [Theory]
        [InlineData("1.2.840.10045.3.1.7")] // P-256
        [InlineData("1.3.132.0.34")]        // P-384
        public void Ec_keys_read_from_sec1_and_pkcs8_equal_the_runtime_export(string curve)
        {
            using var ec = ECDsa.Create(ECCurve.CreateFromValue(curve));
            var expected = ec.ExportParameters(true);
            foreach (var pem in new[] { ec.ExportECPrivateKeyPem(), ec.ExportPkcs8PrivateKeyPem() })
            {
                using var key = Assert.IsAssignableFrom<ECDsa>(PrivateKeyReader.Read(pem));
                var actual = key.ExportParameters(true);
                Assert.Equal(expected.D, actual.D);
                Assert.Equal(expected.Q.X, actual.Q.X);
            }
        }

        [Fact]
        public void Encrypted_keys_are_refused_with_a_reason() =>
            Assert.Contains("encrypted", Assert.Throws<FormatException>(() => PrivateKeyReader.Read("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n")).Message);

        [Theory]
        [InlineData(new byte[] { 0x30, 0x84, 0, 0, 0, 1 })]          // length-of-length too large
        [InlineData(new byte[] { 0x30, 0x10, 0x02, 0x01, 0x00 })]    // length past the end
        [InlineData(new byte[] { 0x30 })]                            // truncated
        [InlineData(new byte[] { 0x02, 0x01, 0x00 })]                // not a sequence
        public void Malformed_der_is_rejected_before_allocating(byte[] der)
        {
            var pem = "-----BEGIN RSA PRIVATE KEY-----\n" + Convert.ToBase64String(der) + "\n-----END RSA PRIVATE KEY-----\n";
            Assert.Throws<FormatException>(() => PrivateKeyReader.Read(pem));
        }

        [Fact]
        public void A_key_parse_error_names_the_file_but_not_the_key()
        {
            var dir = Directory.CreateTempSubdirectory("lvps-pki-").FullName;
            try
            {
                using var rsa = RSA.Create(2048);
                var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=t", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                using var cert = request.CreateSelfSigned(DateTimeOffset.Now.AddDays(-1), DateTimeOffset.Now.AddDays(1));
                File.WriteAllText(Path.Combine(dir, "clientcert.pem"), cert.ExportCertificatePem());
                var secret = Convert.ToBase64String(Encoding.ASCII.GetBytes("not-a-key-but-secret-looking"));
                File.WriteAllText(Path.Combine(dir, "clientkey.pem"), "-----BEGIN PRIVATE KEY-----\n" + secret + "\n-----END PRIVATE KEY-----\n");
                var e = Assert.Throws<LibvirtException>(() => ClientCredentials.LoadClientCertificate(Path.Combine(dir, "clientcert.pem"), Path.Combine(dir, "clientkey.pem")));
                Assert.Contains(Path.Combine(dir, "clientkey.pem"), e.Message);
                Assert.DoesNotContain(secret, e.ToString());

                // A valid key that belongs to another certificate is refused too.
                using var other = RSA.Create(2048);
                File.WriteAllText(Path.Combine(dir, "clientkey.pem"), other.ExportPkcs8PrivateKeyPem());
                var mismatch = Assert.Throws<LibvirtException>(() => ClientCredentials.LoadClientCertificate(Path.Combine(dir, "clientcert.pem"), Path.Combine(dir, "clientkey.pem")));
                Assert.Equal(ErrorCode.GnutlsError, mismatch.Code);

                // And the matching key gives a certificate that has its private key.
                File.WriteAllText(Path.Combine(dir, "clientkey.pem"), rsa.ExportRSAPrivateKeyPem());
                using var joined = ClientCredentials.LoadClientCertificate(Path.Combine(dir, "clientcert.pem"), Path.Combine(dir, "clientkey.pem"));
                Assert.True(joined.HasPrivateKey);
            }
            finally { Directory.Delete(dir, true); }
        }

        // --- file locations ---

        [Fact]
        public void Pki_files_follow_libvirts_locations()
        {
            var root = PkiFiles.Resolve(Uri("qemu://h/system"), isRoot: true, exists: _ => true);
            Assert.Equal(("/etc/pki/CA/cacert.pem", "/etc/pki/libvirt/clientcert.pem", "/etc/pki/libvirt/private/clientkey.pem"), (root.CaFile, root.CertFile, root.KeyFile));

            var user = PkiFiles.Resolve(Uri("qemu://h/system"), isRoot: false, home: "/home/u", exists: _ => true);
            Assert.Equal(("/home/u/.pki/libvirt/cacert.pem", "/home/u/.pki/libvirt/clientcert.pem", "/home/u/.pki/libvirt/clientkey.pem"), (user.CaFile, user.CertFile, user.KeyFile));

            var userWithoutCa = PkiFiles.Resolve(Uri("qemu://h/system"), isRoot: false, home: "/home/u", exists: p => !p.EndsWith("cacert.pem"));
            Assert.Equal("/etc/pki/CA/cacert.pem", userWithoutCa.CaFile);

            var userWithoutFiles = PkiFiles.Resolve(Uri("qemu://h/system"), isRoot: false, home: "/home/u", exists: _ => false);
            Assert.Equal("/etc/pki/libvirt/clientcert.pem", userWithoutFiles.CertFile);

            var pkipath = PkiFiles.Resolve(Uri("qemu://h/system?pkipath=/x/y"), isRoot: true);
            Assert.Equal(("/x/y/cacert.pem", "/x/y/clientcert.pem", "/x/y/clientkey.pem"), (pkipath.CaFile, pkipath.CertFile, pkipath.KeyFile));
        }

        // --- ssh command lines ---

        [Fact]
        public void Ssh_arguments_follow_libvirts_client()
        {
            var args = SshProcessTransport.BuildArguments(Uri("qemu+ssh://admin@h:2200/system?keyfile=/k/id&no_tty=1&no_verify=1"), "admin", "CMD");
            Assert.Equal(new[] { "-p", "2200", "-l", "admin", "-i", "/k/id", "-T", "-e", "none", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "--", "h", "CMD" }, args);
            var plain = SshProcessTransport.BuildArguments(Uri("qemu+ssh://h/system"), null, "CMD");
            Assert.Equal(new[] { "-T", "-e", "none", "--", "h", "CMD" }, plain);
        }

        [Fact]
        public void Ssh_command_line_survives_the_argument_round_trip()
        {
            var args = new[] { "plain", "with space", "quote\"inside", "back\\slash\\", "", "sh -c 'a \"b\" $ARG'" };
            var psi = new System.Diagnostics.ProcessStartInfo("x", SshProcessTransport.JoinArguments(args));
            // .NET splits Arguments with the same rules when it starts the process; check with its own parser.
            Assert.Equal(args, SplitLikeDotnet(psi.Arguments));
        }

        [Fact]
        public void Remote_command_defaults_to_the_helper_with_a_netcat_fallback()
        {
            var cmd = SshRemoteCommand.Build(Uri("qemu+ssh://h/system"), readOnly: false);
            Assert.StartsWith("sh -c '", cmd);
            Assert.Contains("virt-ssh-helper '\\''qemu:///system'\\''", cmd);
            Assert.Contains("-U '\\''/var/run/libvirt/libvirt-sock'\\''", cmd);
        }

        [Fact]
        public void Remote_command_variants()
        {
            Assert.Equal("virt-ssh-helper -r 'qemu:///system'", SshRemoteCommand.Build(Uri("qemu+ssh://h/system?proxy=native"), readOnly: true));
            var nc = SshRemoteCommand.Build(Uri("qemu+ssh://h/system?socket=/s/sock"), readOnly: false);
            Assert.DoesNotContain("virt-ssh-helper", nc);
            Assert.Contains("-U '\\''/s/sock'\\''", nc);
            Assert.Contains("-U '\\''/var/run/libvirt/virtqemud-sock-ro'\\''", SshRemoteCommand.Build(Uri("qemu+ssh://h/system?proxy=netcat&mode=direct"), readOnly: true));
            Assert.Contains("'\\''/opt/nc'\\'' $ARG", SshRemoteCommand.Build(Uri("qemu+ssh://h/system?netcat=/opt/nc"), readOnly: false));
            Assert.Throws<LibvirtException>(() => SshRemoteCommand.Build(Uri("qemu+ssh://h/system?proxy=native&socket=/s"), readOnly: false));
            Assert.Throws<LibvirtException>(() => SshRemoteCommand.Build(Uri("qemu+ssh://h/system?proxy=bogus"), readOnly: false));
            // A quote in the URI cannot break out of the shell quoting.
            Assert.Equal("virt-ssh-helper 'a'\\''; rm -rf /'", SshRemoteCommand.Build(Uri("qemu+ssh://h/system?proxy=native&name=a%27%3B%20rm%20-rf%20/"), false));
        }

        // --- known_hosts ---

        private static readonly byte[] KeyA = { 0, 0, 0, 11, (byte)'s', (byte)'s', (byte)'h', (byte)'-', (byte)'e', (byte)'d', (byte)'2', (byte)'5', (byte)'5', (byte)'1', (byte)'9', 1, 2, 3 };
        private static readonly byte[] KeyB = KeyA.Take(KeyA.Length - 1).Append((byte)9).ToArray();

        private static string Line(string hosts, byte[] key, string marker = "") => $"{marker} {hosts} ssh-ed25519 {Convert.ToBase64String(key)}".Trim();

        private static string Hashed(string name)
        {
            var salt = Enumerable.Range(1, 20).Select(i => (byte)i).ToArray();
            using var h = new HMACSHA1(salt);
            return $"|1|{Convert.ToBase64String(salt)}|{Convert.ToBase64String(h.ComputeHash(Encoding.UTF8.GetBytes(name)))}";
        }

        [Fact]
        public void Known_hosts_matches_names_ports_patterns_and_hashes()
        {
            var k = KnownHosts.Parse(string.Join("\n",
                "# comment",
                Line("plain.example,other", KeyA),
                Line("[ported.example]:2222", KeyA),
                Line("*.wild.example,!bad.wild.example", KeyA),
                Line(Hashed("[hashed.example]:2200"), KeyA),
                Line("changed.example", KeyB)));
            Assert.Equal(KnownHostStatus.Known, k.Check("plain.example", 22, KeyA));
            Assert.Equal(KnownHostStatus.Known, k.Check("OTHER", 22, KeyA));
            Assert.Equal(KnownHostStatus.Unknown, k.Check("plain.example", 2222, KeyA));
            Assert.Equal(KnownHostStatus.Known, k.Check("ported.example", 2222, KeyA));
            Assert.Equal(KnownHostStatus.Known, k.Check("a.wild.example", 22, KeyA));
            Assert.Equal(KnownHostStatus.Unknown, k.Check("bad.wild.example", 22, KeyA));
            Assert.Equal(KnownHostStatus.Known, k.Check("hashed.example", 2200, KeyA));
            Assert.Equal(KnownHostStatus.Changed, k.Check("changed.example", 22, KeyA));
        }

        [Fact]
        public void Known_hosts_revoked_keys_win()
        {
            var k = KnownHosts.Parse(Line("host", KeyA) + "\n" + Line("*", KeyA, "@revoked"));
            Assert.Equal(KnownHostStatus.Revoked, k.Check("host", 22, KeyA));
        }

        [Fact]
        public void Known_hosts_line_uses_the_bracket_form_for_other_ports() =>
            Assert.Equal($"[h]:2222 ssh-ed25519 {Convert.ToBase64String(KeyA)}", KnownHosts.FormatLine("h", 2222, "ssh-ed25519", KeyA));

        [Fact]
        public void Libssh_without_key_or_password_fails_clearly()
        {
            var t = (LibsshTransport)TransportFactory.Create(Uri("qemu+libssh://u@127.0.0.1:1/system?keyfile=/no/such/key"), new ConnectOptions());
            var e = Assert.Throws<LibvirtException>(() => t.ConnectAsync(default).GetAwaiter().GetResult());
            Assert.Equal(ErrorCode.AuthFailed, e.Code);
            Assert.Contains("/no/such/key", e.Message);
        }

        private static List<string> SplitLikeDotnet(string commandLine)
        {
            // Mirrors the documented MSVCRT rules .NET uses (ParseArgumentsIntoList).
            var result = new List<string>();
            var i = 0;
            while (i < commandLine.Length)
            {
                while (i < commandLine.Length && char.IsWhiteSpace(commandLine[i])) i++;
                if (i == commandLine.Length) break;
                var sb = new StringBuilder();
                var inQuotes = false;
                while (i < commandLine.Length && (inQuotes || !char.IsWhiteSpace(commandLine[i])))
                {
                    if (commandLine[i] == '\\')
                    {
                        var n = 0;
                        while (i < commandLine.Length && commandLine[i] == '\\') { n++; i++; }
                        if (i < commandLine.Length && commandLine[i] == '"') { sb.Append('\\', n / 2); if (n % 2 == 1) { sb.Append('"'); i++; } }
                        else sb.Append('\\', n);
                    }
                    else if (commandLine[i] == '"') { inQuotes = !inQuotes; i++; }
                    else sb.Append(commandLine[i++]);
                }
                result.Add(sb.ToString());
            }
            return result;
        }
    }
}
