using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Xunit;

namespace Libvirt.Tests.Unit.Remote.Transports
{
    /// <summary>+ssh (system ssh client) and +libssh (SSH.NET) against the loopback sshd of transports-start.sh.</summary>
    [Trait("Category", TransportEndpoints.Trait)]
    [Collection(TransportEndpoints.Collection)]
    public sealed class SshTransportTests
    {
        // In the sshd's namespace /run/libvirt is the test daemon's socket folder.
        private const string RemoteSocket = "/run/libvirt/libvirt-sock";

        private static string SshUri(string host, string key, string extra = "") =>
            $"test+ssh://root@{host}:{TransportEndpoints.SshPort}/default?keyfile={key}&no_tty=1{extra}";

        private static string LibsshUri(string user, string knownHosts, string extra = "") =>
            $"test+libssh://{user}@127.0.0.1:{TransportEndpoints.SshPort}/default?known_hosts={knownHosts}{extra}";

        private static string TempFile(string content)
        {
            var path = Path.Combine(Path.GetTempPath(), "lvps-known-hosts-" + Guid.NewGuid().ToString("N"));
            File.WriteAllText(path, content);
            return path;
        }

        [TransportFact]
        public void Ssh_runs_virt_ssh_helper_and_lists_domains() =>
            TransportEndpoints.AssertListsDomains(SshUri(TransportEndpoints.SshAlias, TransportEndpoints.SshKey));

        [TransportFact]
        public void Ssh_with_proxy_native_lists_domains() =>
            TransportEndpoints.AssertListsDomains(SshUri(TransportEndpoints.SshAlias, TransportEndpoints.SshKey, "&proxy=native"));

        [TransportFact]
        public void Ssh_with_an_explicit_socket_uses_netcat_and_lists_domains() =>
            TransportEndpoints.AssertListsDomains(SshUri(TransportEndpoints.SshAlias, TransportEndpoints.SshKey, "&socket=" + RemoteSocket));

        [TransportFact]
        public void Ssh_refuses_an_unknown_host_key_by_default()
        {
            // 127.0.0.1:PORT is in no known_hosts file the ssh client reads (only the alias is).
            var e = TransportEndpoints.AssertFails(SshUri("127.0.0.1", TransportEndpoints.SshKey));
            Assert.Equal(ErrorCode.AuthFailed, e.Code);
            Assert.Contains("Host key verification failed", e.Message);
        }

        [TransportFact]
        public void Ssh_with_a_key_the_server_does_not_accept_fails_quickly()
        {
            var e = TransportEndpoints.AssertFails(SshUri(TransportEndpoints.SshAlias, TransportEndpoints.SshOtherKey), within: TimeSpan.FromSeconds(10));
            Assert.Equal(ErrorCode.AuthFailed, e.Code);
            Assert.Contains("Permission denied", e.Message);
        }

        [TransportFact]
        public void Libssh_with_a_key_file_lists_domains() =>
            TransportEndpoints.AssertListsDomains(LibsshUri("root", TransportEndpoints.SshKnownHosts, "&keyfile=" + TransportEndpoints.SshKey));

        [TransportFact]
        public void Libssh_with_a_password_lists_domains_and_never_shows_the_password()
        {
            var password = TransportEndpoints.SshPassword;
            var messages = new List<string>();
            TransportEndpoints.AssertListsDomains(LibsshUri(TransportEndpoints.SshUser, TransportEndpoints.SshKnownHosts, "&proxy=netcat&socket=" + RemoteSocket),
                new ConnectOptions { Credential = new NetworkCredential(TransportEndpoints.SshUser, password), Verbose = messages.Add, Warning = messages.Add });
            Assert.NotEmpty(messages);
            Assert.DoesNotContain(messages, m => m.Contains(password));
        }

        [TransportFact]
        public void Libssh_with_a_wrong_password_fails_quickly_without_echoing_it()
        {
            const string wrong = "Wr0ng-Secret-Passw0rd";
            var messages = new List<string>();
            var e = TransportEndpoints.AssertFails(LibsshUri(TransportEndpoints.SshUser, TransportEndpoints.SshKnownHosts, "&proxy=netcat&socket=" + RemoteSocket),
                new ConnectOptions { Credential = new NetworkCredential(TransportEndpoints.SshUser, wrong), Verbose = messages.Add }, TimeSpan.FromSeconds(10));
            Assert.Equal(ErrorCode.AuthFailed, e.Code);
            Assert.Contains("authentication", e.Message, StringComparison.OrdinalIgnoreCase);
            for (Exception? x = e; x != null; x = x.InnerException) Assert.DoesNotContain(wrong, x.ToString());
            Assert.DoesNotContain(messages, m => m.Contains(wrong));
        }

        [TransportFact]
        public void Libssh_refuses_an_unknown_host_key_by_default()
        {
            var empty = TempFile("");
            try
            {
                var e = TransportEndpoints.AssertFails(LibsshUri("root", empty, "&keyfile=" + TransportEndpoints.SshKey));
                Assert.Equal(ErrorCode.AuthFailed, e.Code);
                Assert.Contains("not in the known hosts file", e.Message);
                Assert.Equal("", File.ReadAllText(empty));
            }
            finally { File.Delete(empty); }
        }

        [TransportFact]
        public void Libssh_refuses_a_changed_host_key_even_in_auto_mode()
        {
            // A well-formed ed25519 key blob that is not the server's.
            var other = File.ReadAllText(TransportEndpoints.SshOtherKey + ".pub").Split(' ');
            var file = TempFile($"[127.0.0.1]:{TransportEndpoints.SshPort} {other[0]} {other[1]}\n");
            try
            {
                var e = TransportEndpoints.AssertFails(LibsshUri("root", file, "&known_hosts_verify=auto&keyfile=" + TransportEndpoints.SshKey));
                Assert.Equal(ErrorCode.AuthFailed, e.Code);
                Assert.Contains("does not match", e.Message);
            }
            finally { File.Delete(file); }
        }

        [TransportFact]
        public void Libssh_auto_mode_records_an_unknown_host_key()
        {
            var file = TempFile("");
            try
            {
                var warnings = new List<string>();
                TransportEndpoints.AssertListsDomains(LibsshUri("root", file, "&known_hosts_verify=auto&keyfile=" + TransportEndpoints.SshKey),
                    new ConnectOptions { Warning = warnings.Add });
                Assert.Contains(warnings, w => w.Contains("Added"));
                Assert.StartsWith($"[127.0.0.1]:{TransportEndpoints.SshPort} ssh-ed25519 ", File.ReadAllText(file));
                // Now known: the default (normal) mode accepts it.
                TransportEndpoints.AssertListsDomains(LibsshUri("root", file, "&keyfile=" + TransportEndpoints.SshKey));
            }
            finally { File.Delete(file); }
        }
    }
}
