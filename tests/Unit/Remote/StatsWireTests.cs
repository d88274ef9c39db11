using System;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Drivers.Remote.Protocol;
using Libvirt.Engine.Model;
using Libvirt.Engine.Stats;
using Libvirt.Tests.Unit.Remote.Support;
using Xunit;

namespace Libvirt.Tests.Unit.Remote
{
    /// <summary>The host statistics calls on the wire: first how many fields, then the fields; all-domain stats in one call.</summary>
    public sealed class StatsWireTests : IDisposable
    {
        private readonly FakeDaemon _daemon = new FakeDaemon();

        public void Dispose() => _daemon.Dispose();

        [Fact]
        public async Task Node_cpu_stats_ask_the_count_then_the_fields()
        {
            using var driver = await _daemon.OpenDriverAsync();
            var call = driver.GetNodeCpuStatsAsync(-1, CancellationToken.None);
            var count = await _daemon.ExpectCallAsync(RemoteProcedure.NodeGetCpuStats);
            Assert.Equal(Hex.Bytes("ffffffff 00000000 00000000"), count.Payload); // all CPUs, nparams 0, flags 0
            await _daemon.ReplyAsync(count, w => { w.WriteUInt(0); w.WriteInt(2); });
            var fields = await _daemon.ExpectCallAsync(RemoteProcedure.NodeGetCpuStats);
            Assert.Equal(Hex.Bytes("ffffffff 00000002 00000000"), fields.Payload);
            await _daemon.ReplyAsync(fields, w => { w.WriteUInt(2); w.WriteString("user"); w.WriteUHyper(10); w.WriteString("idle"); w.WriteUHyper(30); w.WriteInt(2); });
            var stats = await call.WaitAsync(FakeDaemon.Timeout);
            Assert.Equal(10UL, stats["user"]);
            Assert.Equal(30UL, stats["idle"]);
        }

        [Fact]
        public async Task Node_memory_stats_put_nparams_before_the_cell()
        {
            using var driver = await _daemon.OpenDriverAsync();
            var call = driver.GetNodeMemoryStatsAsync(-1, CancellationToken.None);
            var count = await _daemon.ExpectCallAsync(RemoteProcedure.NodeGetMemoryStats);
            Assert.Equal(Hex.Bytes("00000000 ffffffff 00000000"), count.Payload);
            await _daemon.ReplyAsync(count, w => { w.WriteUInt(0); w.WriteInt(1); });
            var fields = await _daemon.ExpectCallAsync(RemoteProcedure.NodeGetMemoryStats);
            Assert.Equal(Hex.Bytes("00000001 ffffffff 00000000"), fields.Payload);
            await _daemon.ReplyAsync(fields, w => { w.WriteUInt(1); w.WriteString("total"); w.WriteUHyper(1024); w.WriteInt(1); });
            Assert.Equal(1024UL, (await call.WaitAsync(FakeDaemon.Timeout))["total"]);
        }

        [Fact]
        public async Task Domain_stats_of_several_domains_are_one_call()
        {
            using var driver = await _daemon.OpenDriverAsync();
            var a = new DomainIdentity("a", Guid.NewGuid(), 1);
            var b = new DomainIdentity("b", Guid.NewGuid(), 2);
            var call = driver.GetDomainStatsAsync(new[] { a, b }, DomainStatsGroups.Default, CancellationToken.None);
            var p = await _daemon.ExpectCallAsync(RemoteProcedure.ConnectGetAllDomainStats);
            var r = new Drivers.Remote.Xdr.XdrReader(p.Payload);
            Assert.Equal(2u, r.ReadUInt());
            Assert.Equal("a", Drivers.Remote.Xdr.DomainIdentityCodec.Read(r).Name);
            Assert.Equal("b", Drivers.Remote.Xdr.DomainIdentityCodec.Read(r).Name);
            Assert.Equal(63u, r.ReadUInt()); // state, cpu, balloon, vcpu, interface, block
            Assert.Equal(0u, r.ReadUInt());
            await _daemon.ReplyAsync(p, w =>
            {
                w.WriteUInt(1);
                Drivers.Remote.Xdr.DomainIdentityCodec.Write(w, a);
                Drivers.Remote.Xdr.TypedParameterCodec.WriteList(w, new Engine.TypedParameters.TypedParameterList(new[] { Engine.TypedParameters.TypedParameter.ULLong("cpu.time", 5) }), Drivers.Remote.Xdr.XdrLimits.AllDomainStatsParamsMax);
            });
            var snapshot = Assert.Single(await call.WaitAsync(FakeDaemon.Timeout));
            Assert.True(snapshot.TryGet("cpu.time", out var t));
            Assert.Equal(5, t);
        }
    }
}
