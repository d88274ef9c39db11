using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using Libvirt.Drivers.Remote;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Uris;
using Xunit;

namespace Libvirt.Tests.Unit.Remote.Integration
{
    /// <summary>
    /// The real daemons started by tests/hosts/start.sh, described by the LIBVIRT_PS_* variables of its
    /// hosts.env. Tests marked [HostFact] are skipped when LIBVIRT_PS_HOST1_SOCK is unset, and fail (never
    /// silently pass) when it is set but the daemon cannot be reached. Run them with:
    ///   source /tmp/libvirt-ps-hosts/hosts.env &amp;&amp; dotnet test tests/Unit --filter Category=LibvirtHosts
    /// </summary>
    internal static class LibvirtHosts
    {
        public const string Trait = "LibvirtHosts";
        public const string Collection = "LibvirtHosts";

        public static string? Host1Socket => Env("LIBVIRT_PS_HOST1_SOCK");
        public static string Host1Uri => Require("LIBVIRT_PS_HOST1_URI");
        public static string Host2Uri => Require("LIBVIRT_PS_HOST2_URI");
        public static string Host1TestUri => Require("LIBVIRT_PS_HOST1_TEST_URI");

        /// <summary>Host N's QEMU URI: host1 runs libvirt 9.0, host3 libvirt 11.3 (tests/hosts/debian13-root.sh).</summary>
        public static string QemuUri(int host) => Require($"LIBVIRT_PS_HOST{host}_URI");

        /// <summary>Host N's test-driver URI (the test driver inside that daemon).</summary>
        public static string TestUri(int host) => Require($"LIBVIRT_PS_HOST{host}_TEST_URI");
        public static string ManyUri => Require("LIBVIRT_PS_MANY_URI");
        public static int ManyCount => int.Parse(Require("LIBVIRT_PS_MANY_COUNT"));
        public static string TinyXml => File.ReadAllText(Require("LIBVIRT_PS_TINY_XML"));
        public static int MigratePortBase => int.Parse(Env("LIBVIRT_PS_MIGRATE_PORT_BASE") ?? "49152");

        public static RemoteDriver Open(string uri, bool readOnly = false)
        {
            var socket = Host1Socket;
            if (socket != null && !File.Exists(socket))
                throw new InvalidOperationException($"LIBVIRT_PS_HOST1_SOCK is set to '{socket}' but no socket is there: start the hosts with tests/hosts/start.sh.");
            return RemoteDriver.Open(LibvirtUri.Parse(uri), new ConnectOptions { ReadOnly = readOnly }, CancellationToken.None);
        }

        /// <summary>Runs virsh, the independent oracle (it goes through libvirt.so, not our code).</summary>
        public static string Virsh(string uri, string command)
        {
            var psi = new ProcessStartInfo("virsh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add("-q");
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add(uri);
            psi.ArgumentList.Add(command);
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0) throw new InvalidOperationException($"virsh {command} failed: {stderr}");
            return stdout.Result;
        }

        private static string? Env(string name) => Environment.GetEnvironmentVariable(name);

        private static string Require(string name) =>
            Env(name) ?? throw new InvalidOperationException($"{name} is not set: source the hosts.env written by tests/hosts/start.sh.");
    }

    /// <summary>A fact that needs the real hosts; skipped only when they are not configured at all and not required.</summary>
    public sealed class HostFactAttribute : FactAttribute
    {
        public HostFactAttribute()
        {
            // CI sets LIBVIRT_PS_REQUIRE_HOSTS=1: there a missing host must fail the test, not skip it.
            if (LibvirtHosts.Host1Socket == null && Environment.GetEnvironmentVariable("LIBVIRT_PS_REQUIRE_HOSTS") != "1")
                Skip = "LIBVIRT_PS_HOST1_SOCK is not set: start tests/hosts/start.sh and source its hosts.env to run the real-daemon tests.";
        }
    }

    /// <summary>A theory over real hosts (for example host 1, libvirt 9.0, and host 3, libvirt 11.3); skipped like HostFact.</summary>
    public sealed class HostTheoryAttribute : TheoryAttribute
    {
        public HostTheoryAttribute()
        {
            if (LibvirtHosts.Host1Socket == null && Environment.GetEnvironmentVariable("LIBVIRT_PS_REQUIRE_HOSTS") != "1")
                Skip = "LIBVIRT_PS_HOST1_SOCK is not set: start tests/hosts/start.sh and source its hosts.env to run the real-daemon tests.";
        }
    }

    /// <summary>Real-daemon tests share the hosts, so they never run in parallel with each other.</summary>
    [CollectionDefinition(LibvirtHosts.Collection, DisableParallelization = true)]
    public sealed class LibvirtHostsCollection { }
}
