using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Xunit;

namespace Libvirt.Tests.Unit.Remote.Integration
{
    [Trait("Category", LibvirtHosts.Trait)]
    [Collection(LibvirtHosts.Collection)]
    public sealed class RemoteDriverHostTests
    {
        // host1 runs libvirt 9.0 (Debian 12), host3 libvirt 11.3 (Debian 13).
        [HostTheory]
        [InlineData(1)]
        [InlineData(3)]
        public async Task Host_info_matches_virsh(int n)
        {
            var uri = LibvirtHosts.QemuUri(n);
            using var driver = LibvirtHosts.Open(uri);
            var host = await driver.Host().GetHostAsync(CancellationToken.None);

            Assert.Equal(LibvirtHosts.Virsh(uri, "hostname").Trim(), host.Hostname);
            Assert.Equal("QEMU", host.HypervisorType);
            var nodeinfo = LibvirtHosts.Virsh(uri, "nodeinfo");
            Assert.Equal(Field(nodeinfo, "CPU model"), host.CpuModel);
            Assert.Equal(int.Parse(Field(nodeinfo, "CPU(s)")), host.Cpus);
            Assert.Equal(long.Parse(Field(nodeinfo, "Memory size").Split(' ')[0]) / 1024, host.MemoryMB);
            // "Running against daemon: 11.3.0" (the daemon's release) and "Running hypervisor: QEMU 10.0.13".
            var version = LibvirtHosts.Virsh(uri, "version --daemon");
            Assert.Contains("Running against daemon: " + host.LibvirtVersion, version);
            Assert.Contains("Running hypervisor: QEMU " + host.HypervisorVersion, version);
            Assert.Equal(host.LibvirtVersion, await driver.Host().GetLibvirtVersionAsync(CancellationToken.None));
        }

        [HostFact]
        public async Task Test_driver_host_info_matches_the_node_file()
        {
            using var driver = LibvirtHosts.Open(LibvirtHosts.ManyUri);
            var host = await driver.Host().GetHostAsync(CancellationToken.None);
            var nodeinfo = LibvirtHosts.Virsh(LibvirtHosts.ManyUri, "nodeinfo");
            Assert.Equal("TEST", host.HypervisorType);
            Assert.Equal(Field(nodeinfo, "CPU model"), host.CpuModel);
            Assert.Equal(int.Parse(Field(nodeinfo, "CPU(s)")), host.Cpus);
        }

        [HostFact]
        public async Task Missing_domain_lookup_surfaces_libvirts_code()
        {
            using var driver = LibvirtHosts.Open(LibvirtHosts.Host1TestUri);
            var e = await Assert.ThrowsAsync<LibvirtException>(() => driver.Domains().LookupByNameAsync("no-such-domain-" + Guid.NewGuid().ToString("N"), CancellationToken.None));
            Assert.Equal(ErrorCode.NoDomain, e.Code);
            Assert.Equal(ErrorDomain.Test, e.Domain);
            Assert.Contains("Domain not found", e.Message);

            var byUuid = await Assert.ThrowsAsync<LibvirtException>(() => driver.Domains().LookupByUuidAsync(Guid.NewGuid(), CancellationToken.None));
            Assert.Equal(ErrorCode.NoDomain, byUuid.Code);
        }

        [HostFact]
        public async Task Read_only_connection_can_read_but_not_change()
        {
            using var driver = LibvirtHosts.Open(LibvirtHosts.Host1TestUri, readOnly: true);
            var test = await driver.Domains().LookupByNameAsync("test", CancellationToken.None);
            var e = await Assert.ThrowsAsync<LibvirtException>(() => driver.Domains().SuspendAsync(test.ToIdentity(), CancellationToken.None));
            Assert.Equal(ErrorCode.OperationDenied, e.Code);
        }

        internal static string Field(string virshOutput, string name) =>
            virshOutput.Split('\n').Select(l => l.Split(':', 2)).First(p => p[0].Trim() == name)[1].Trim();
    }
}
