using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Xml;
using Xunit;

namespace Libvirt.Tests.Unit.Remote.Integration
{
    /// <summary>IDomainConfigDriver and ISnapshotDriver through real daemons; virsh on the same host is the oracle.</summary>
    [Trait("Category", LibvirtHosts.Trait)]
    [Collection(LibvirtHosts.Collection)]
    public sealed class RemoteDriverConfigTests
    {
        private static readonly CancellationToken None = CancellationToken.None;

        // host1 runs libvirt 9.0 (Debian 12), host3 libvirt 11.3 (Debian 13).
        [HostTheory]
        [InlineData(1)]
        [InlineData(3)]
        public async Task Vcpus_memory_metadata_and_rename_of_a_shut_off_qemu_guest_are_what_virsh_reports(int host)
        {
            var uri = LibvirtHosts.QemuUri(host);
            using var driver = LibvirtHosts.Open(uri);
            var name = RemoteDriverDomainTests.UniqueName("config");
            var xml = RemoteDriverDomainTests.TinyXml(name).Replace("<vcpu>1</vcpu>", "<vcpu>2</vcpu>");
            var d = await driver.Domains().DefineAsync(xml, None);
            var renamed = name + "-r";
            try
            {
                var config = driver.DomainConfig();
                var id = d.ToIdentity();
                Assert.Equal(2, await config.GetVcpusAsync(id, DomainImpact.Config, maximum: true, None));
                await config.SetVcpusAsync(id, 1, DomainImpact.Current, None);
                Assert.Equal("1", LibvirtHosts.Virsh(uri, $"vcpucount {name} --config --current").Trim());
                var ex = await Assert.ThrowsAsync<LibvirtException>(() => config.SetVcpusAsync(id, 3, DomainImpact.Config, None));
                Assert.Equal(ErrorCode.InvalidArg, ex.Code);

                await config.SetMemoryAsync(id, 131072, DomainImpact.Config, maximum: true, None);
                await config.SetMemoryAsync(id, 98304, DomainImpact.Config, maximum: false, None);
                Assert.Equal(131072UL, await config.GetMaxMemoryAsync(id, None));
                var def = DomainDefinition.Parse(LibvirtHosts.Virsh(uri, "dumpxml --inactive " + name));
                Assert.Equal(131072UL, def.MemoryKiB);
                Assert.Equal(98304UL, def.CurrentMemoryKiB);

                Assert.Null(await config.GetMetadataAsync(id, DomainMetadataKind.Title, DomainImpact.Config, None));
                await config.SetMetadataAsync(id, DomainMetadataKind.Title, "a title", DomainImpact.Config, None);
                await config.SetMetadataAsync(id, DomainMetadataKind.Description, "two\nlines", DomainImpact.Config, None);
                Assert.Equal("a title", LibvirtHosts.Virsh(uri, $"desc {name} --title").Trim());
                Assert.Equal("two\nlines", await config.GetMetadataAsync(id, DomainMetadataKind.Description, DomainImpact.Current, None));

                await config.RenameAsync(id, renamed, None);
                Assert.Contains(renamed, LibvirtHosts.Virsh(uri, "list --all --name").Split('\n').Select(s => s.Trim()));
                Assert.Equal(renamed, (await driver.Domains().LookupByUuidAsync(d.Uuid, None)).Name);
            }
            finally
            {
                var now = await driver.Domains().LookupByUuidAsync(d.Uuid, None);
                await driver.Domains().UndefineAsync(now.ToIdentity(), None);
            }
        }

        [HostTheory]
        [InlineData(1)]
        [InlineData(3)]
        public async Task Snapshots_on_the_daemons_test_driver_are_what_virsh_lists(int host)
        {
            var uri = LibvirtHosts.TestUri(host);
            using var driver = LibvirtHosts.Open(uri);
            var snapshots = driver.Snapshots();
            var d = await driver.Domains().LookupByNameAsync("test", None);
            var id = d.ToIdentity();
            var prefix = Guid.NewGuid().ToString("N").Substring(0, 6);
            var s1 = await snapshots.CreateAsync(id, SnapshotXml.Build(prefix + "-1", "first"), SnapshotCreateFlags.None, None);
            var s2 = await snapshots.CreateAsync(id, SnapshotXml.Build(prefix + "-2", null), SnapshotCreateFlags.None, None);
            try
            {
                Assert.Equal("first", s1.Description);
                Assert.Equal("running", s1.State);
                Assert.Equal(s1.Name, s2.Parent);
                Assert.True(s2.IsCurrent);
                Assert.Equal(s2.Name, (await snapshots.CurrentAsync(id, None))!.Name);
                Assert.Equal(s1.Name, LibvirtHosts.Virsh(uri, $"snapshot-parent test {s2.Name}").Trim());
                var listed = await snapshots.ListAsync(id, None);
                Assert.Contains(listed, s => s.Name == s1.Name && !s.IsCurrent);
                var ex = await Assert.ThrowsAsync<LibvirtException>(() => snapshots.LookupByNameAsync(id, prefix + "-none", None));
                Assert.Equal(ErrorCode.NoDomainSnapshot, ex.Code);

                await snapshots.RevertAsync(s1.ToIdentity(), None);
                Assert.Equal(s1.Name, LibvirtHosts.Virsh(uri, "snapshot-current test --name").Trim());
                await snapshots.DeleteAsync(s1.ToIdentity(), children: true, None);
                var names = LibvirtHosts.Virsh(uri, "snapshot-list test --name");
                Assert.DoesNotContain(s1.Name, names);
                Assert.DoesNotContain(s2.Name, names);
            }
            finally
            {
                foreach (var s in (await snapshots.ListAsync(id, None)).Where(s => s.Name.StartsWith(prefix, StringComparison.Ordinal)))
                    try { await snapshots.DeleteAsync(s.ToIdentity(), children: false, None); } catch (LibvirtException) { }
            }
        }
    }
}
