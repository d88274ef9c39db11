using System;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Jobs;
using Libvirt.Engine.Model;
using Libvirt.Engine.TypedParameters;
using Xunit;

namespace Libvirt.Tests.Unit.Remote.Integration
{
    /// <summary>Migration v3 *_PARAMS phases between the two real QEMU hosts, driven here the way libvirt's client does (§6.4 C).</summary>
    [Trait("Category", LibvirtHosts.Trait)]
    [Collection(LibvirtHosts.Collection)]
    public sealed class RemoteMigrationTests
    {
        private const uint Live = 1;
        private static readonly CancellationToken None = CancellationToken.None;

        [HostFact]
        public async Task Managed_live_migration_moves_the_tiny_guest_to_host2()
        {
            using var src = LibvirtHosts.Open(LibvirtHosts.Host1Uri);
            using var dst = LibvirtHosts.Open(LibvirtHosts.Host2Uri);
            var name = RemoteDriverDomainTests.UniqueName("mig");
            var dom = await src.Domains().CreateAsync(RemoteDriverDomainTests.TinyXml(name), None); // transient, running
            try
            {
                var port = LibvirtHosts.MigratePortBase + 200 + new Random().Next(100);
                var parameters = new TypedParameterList { TypedParameter.String("migrate_uri", $"tcp://127.0.0.1:{port}") };

                var begin = await src.Migration().BeginAsync(dom.ToIdentity(), parameters, Live, None);
                Assert.Contains($"<name>{name}</name>", begin.Xml);
                Assert.NotEmpty(begin.Cookie);

                var prepareParams = new TypedParameterList(parameters) { TypedParameter.String("destination_xml", begin.Xml) };
                var prepare = await dst.Migration().PrepareAsync(prepareParams, begin.Cookie, Live, None);

                var performParams = parameters;
                if (prepare.Uri != null) performParams = new TypedParameterList { TypedParameter.String("migrate_uri", prepare.Uri) };
                var performCookie = await src.Migration().PerformAsync(dom.ToIdentity(), null, performParams, prepare.Cookie, Live, None);

                var finishParams = new TypedParameterList(parameters) { TypedParameter.String("destination_name", name) };
                var finish = await dst.Migration().FinishAsync(finishParams, performCookie, Live, cancelled: false, None);
                Assert.NotNull(finish.Domain);
                Assert.Equal(dom.Uuid, finish.Domain!.Uuid);
                Assert.Equal(DomainState.Running, finish.Domain.State);

                await src.Migration().ConfirmAsync(dom.ToIdentity(), parameters, finish.Cookie, Live, cancelled: false, None);

                Assert.Equal("running", LibvirtHosts.Virsh(LibvirtHosts.Host2Uri, "domstate " + name).Trim());
                Assert.DoesNotContain(name, LibvirtHosts.Virsh(LibvirtHosts.Host1Uri, "list --all --name"));
                var job = await dst.Domains().GetJobInfoAsync(finish.Domain.ToIdentity(), completed: true, None);
                Assert.Equal(DomainJobType.Completed, job.Type);
                Assert.True(job.MemoryTotal > 0);
            }
            finally
            {
                try { await src.Domains().DestroyAsync(dom.ToIdentity(), None); } catch (LibvirtException) { }
                try { await dst.Domains().DestroyAsync(dom.ToIdentity(), None); } catch (LibvirtException) { }
            }
        }

        [HostFact]
        public async Task Migration_tuning_reaches_the_daemon()
        {
            using var src = LibvirtHosts.Open(LibvirtHosts.Host1Uri);
            var name = RemoteDriverDomainTests.UniqueName("tune");
            var dom = await src.Domains().CreateAsync(RemoteDriverDomainTests.TinyXml(name), None);
            try
            {
                await src.Migration().SetMaxSpeedAsync(dom.ToIdentity(), 42, postcopy: false, None);
                Assert.Equal("42", LibvirtHosts.Virsh(LibvirtHosts.Host1Uri, "migrate-getspeed " + name).Trim());
                await src.Migration().SetMaxDowntimeAsync(dom.ToIdentity(), 321, None);
                Assert.Equal("321", LibvirtHosts.Virsh(LibvirtHosts.Host1Uri, "migrate-getmaxdowntime " + name).Trim());
                // Post-copy needs a running migration: the daemon's refusal must surface with its code.
                var e = await Assert.ThrowsAsync<LibvirtException>(() => src.Migration().StartPostCopyAsync(dom.ToIdentity(), None));
                Assert.Equal(ErrorCode.OperationInvalid, e.Code);
            }
            finally
            {
                await src.Domains().DestroyAsync(dom.ToIdentity(), None);
            }
        }
    }
}
