using System;
using System.Threading;
using Libvirt.Drivers.Test;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Model;
using Libvirt.Engine.Uris;
using Xunit;

namespace Libvirt.Tests.Unit.Remote.Integration
{
    /// <summary>
    /// The embedded test hypervisor refuses read-only changes with exactly what libvirtd's own test driver
    /// answers over the wire (and what virsh -r shows): same code, domain and text.
    /// </summary>
    [Trait("Category", LibvirtHosts.Trait)]
    [Collection(LibvirtHosts.Collection)]
    public sealed class ReadOnlyParityTests
    {
        private static readonly CancellationToken None = CancellationToken.None;
        private const string Xml = "<domain type='test'><name>ro-parity</name><memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>";

        [HostFact]
        public void Read_only_refusals_match_libvirtds_test_driver()
        {
            using var daemon = LibvirtHosts.Open(LibvirtHosts.Host1TestUri, readOnly: true);
            using var embedded = TestDriver.Open(LibvirtUri.Parse("test:///default"), readOnly: true);
            var onDaemon = daemon.Domains().LookupByNameAsync("test", None).GetAwaiter().GetResult().ToIdentity();
            var inProcess = embedded.Domains().LookupByNameAsync("test", None).GetAwaiter().GetResult().ToIdentity();
            foreach (var change in new Action<IHypervisorDriver, DomainIdentity>[]
            {
                (d, id) => d.Domains().DestroyAsync(id, None).GetAwaiter().GetResult(),
                (d, id) => d.Domains().SuspendAsync(id, None).GetAwaiter().GetResult(),
                (d, id) => d.Domains().StartAsync(id, None).GetAwaiter().GetResult(),
                (d, id) => d.Domains().UndefineAsync(id, None).GetAwaiter().GetResult(),
                (d, id) => d.Domains().DefineAsync(Xml, None).GetAwaiter().GetResult(),
                (d, id) => d.Domains().CreateAsync(Xml, None).GetAwaiter().GetResult(),
                (d, id) => d.Domains().AbortJobAsync(id, None).GetAwaiter().GetResult(),
            })
            {
                var expected = Assert.Throws<LibvirtException>(() => change(daemon, onDaemon));
                var actual = Assert.Throws<LibvirtException>(() => change(embedded, inProcess));
                Assert.Equal(ErrorCode.OperationDenied, expected.Code);
                Assert.Equal((expected.Code, expected.Domain, expected.Message), (actual.Code, actual.Domain, actual.Message));
            }
            Assert.Equal(DomainState.Running, daemon.Domains().GetAsync(onDaemon, None).GetAwaiter().GetResult().State);
        }
    }
}
