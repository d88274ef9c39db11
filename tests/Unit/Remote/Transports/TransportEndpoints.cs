using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using Libvirt.Drivers.Remote;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Model;
using Libvirt.Engine.Uris;
using Xunit;

namespace Libvirt.Tests.Unit.Remote.Transports
{
    /// <summary>
    /// The loopback endpoints started by tests/hosts/transports-start.sh (libvirtd with TLS and TCP, sshd),
    /// described by the LIBVIRT_PS_* variables of its transports.env. Run with:
    ///   tests/hosts/transports-start.sh &amp;&amp; source /tmp/libvirt-ps-transports/transports.env
    ///   dotnet test tests/Unit --filter Category=LibvirtTransports
    /// </summary>
    internal static class TransportEndpoints
    {
        public const string Trait = "LibvirtTransports";
        public const string Collection = "LibvirtTransports";

        public static string? Directory => Env("LIBVIRT_PS_TRANSPORTS_DIR");
        public static int TlsPort => int.Parse(Require("LIBVIRT_PS_TLS_PORT"));
        public static int TcpPort => int.Parse(Require("LIBVIRT_PS_TCP_PORT"));
        public static int SshPort => int.Parse(Require("LIBVIRT_PS_SSH_PORT"));
        public static string Socket => Require("LIBVIRT_PS_TRANSPORTS_SOCK");
        public static string PkiClient => Require("LIBVIRT_PS_PKI_CLIENT");
        public static string PkiClientPkcs1 => Require("LIBVIRT_PS_PKI_CLIENT_PKCS1");
        public static string PkiUntrusted => Require("LIBVIRT_PS_PKI_UNTRUSTED");
        public static string PkiNoKey => Require("LIBVIRT_PS_PKI_NOKEY");
        public static string SshAlias => Require("LIBVIRT_PS_SSH_ALIAS");
        public static string SshKey => Require("LIBVIRT_PS_SSH_KEY");
        public static string SshOtherKey => Require("LIBVIRT_PS_SSH_OTHER_KEY");
        public static string SshKnownHosts => Require("LIBVIRT_PS_SSH_KNOWN_HOSTS");
        public static string SshUser => Require("LIBVIRT_PS_SSH_USER");
        public static string SshPassword => File.ReadAllText(Require("LIBVIRT_PS_SSH_PASSWORD_FILE"));

        /// <summary>The test driver's default node, as virsh lists it over the daemon's unix socket (the oracle).</summary>
        public static IReadOnlyList<string> ExpectedDomainNames()
        {
            var psi = new ProcessStartInfo("virsh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "-q", "-c", "test+unix:///default?socket=" + Socket, "list", "--all", "--name" }) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            Assert.Equal(0, p.ExitCode);
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).OrderBy(n => n).ToList();
        }

        public static RemoteDriver Open(string uri, ConnectOptions? options = null)
        {
            RequireRunning();
            return RemoteDriver.Open(LibvirtUri.Parse(uri), options ?? new ConnectOptions(), CancellationToken.None);
        }

        /// <summary>Connects, lists the domains and checks them against virsh.</summary>
        public static void AssertListsDomains(string uri, ConnectOptions? options = null)
        {
            using var driver = Open(uri, options);
            var names = driver.Domains().ListAsync(CancellationToken.None).GetAwaiter().GetResult().Select(d => d.Name).OrderBy(n => n).ToList();
            Assert.NotEmpty(names);
            Assert.Equal(ExpectedDomainNames(), names);
        }

        public static LibvirtException AssertFails(string uri, ConnectOptions? options = null, TimeSpan? within = null)
        {
            RequireRunning();
            var watch = Stopwatch.StartNew();
            var e = Assert.Throws<LibvirtException>(() => RemoteDriver.Open(LibvirtUri.Parse(uri), options ?? new ConnectOptions(), CancellationToken.None).Dispose());
            Assert.True(watch.Elapsed < (within ?? TimeSpan.FromSeconds(15)), $"took {watch.Elapsed.TotalSeconds:0.0} s to fail: {e.Message}");
            return e;
        }

        private static void RequireRunning()
        {
            var dir = Directory ?? throw new InvalidOperationException("LIBVIRT_PS_TRANSPORTS_DIR is not set: run tests/hosts/transports-start.sh and source its transports.env.");
            if (!File.Exists(Socket))
                throw new InvalidOperationException($"The transport endpoints in '{dir}' are not running (no socket '{Socket}'): run tests/hosts/transports-start.sh.");
        }

        private static string? Env(string name) => Environment.GetEnvironmentVariable(name);

        private static string Require(string name) =>
            Env(name) ?? throw new InvalidOperationException($"{name} is not set: source the transports.env written by tests/hosts/transports-start.sh.");
    }

    /// <summary>A fact that needs the transport endpoints; skipped when they are not configured, unless LIBVIRT_PS_REQUIRE_HOSTS=1 (then it fails).</summary>
    public sealed class TransportFactAttribute : FactAttribute
    {
        public TransportFactAttribute()
        {
            if (TransportEndpoints.Directory == null && Environment.GetEnvironmentVariable("LIBVIRT_PS_REQUIRE_HOSTS") != "1")
                Skip = "LIBVIRT_PS_TRANSPORTS_DIR is not set: run tests/hosts/transports-start.sh and source its transports.env to run the transport tests.";
        }
    }

    [CollectionDefinition(TransportEndpoints.Collection, DisableParallelization = true)]
    public sealed class TransportEndpointsCollection { }
}
