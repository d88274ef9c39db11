using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Connections;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Events;
using Xunit;

namespace Libvirt.Tests.Unit.Foundation
{
    /// <summary>
    /// The embedded hypervisor's events are those libvirt's test driver emits, in its order (python3-libvirt on
    /// test:///default: suspend (3,0), resume (4,0), shutdown (5,0), create (2,0), reboot and reset none,
    /// destroy (5,1), undefine (1,0), define (0,0), redefine (0,1), createXML (2,0), managed save (5,4)).
    /// </summary>
    public class TestDriverEventTests
    {
        private static readonly CancellationToken None = CancellationToken.None;
        private const string Xml = "<domain type='test'><name>test</name><memory>65536</memory><os><type>hvm</type></os></domain>";

        [Fact]
        public async Task Lifecycle_events_follow_libvirts_test_driver()
        {
            var driver = TestDriverTests.NewHost();
            var events = new BlockingCollection<DomainEvent>();
            using var registration = await driver.DomainEvents().SubscribeAsync(DomainEventKind.Lifecycle, events.Add, None);
            using var rebootOnly = await driver.DomainEvents().SubscribeAsync(DomainEventKind.Reboot, events.Add, None);
            var domains = driver.Domains();
            var test = (await domains.DefineAsync(Xml, None)).ToIdentity();
            await domains.StartAsync(test, None);
            await domains.SuspendAsync(test, None);
            await domains.ResumeAsync(test, None);
            await domains.ShutdownAsync(test, None);
            await domains.StartAsync(test, None);
            await domains.RebootAsync(test, None);
            await domains.ResetAsync(test, None);
            await domains.DestroyAsync(test, None);
            var xml = await domains.GetXmlAsync(test, true, None);
            await domains.UndefineAsync(test, None);
            await domains.DefineAsync(xml, None);
            await domains.DefineAsync(xml, None);
            var seen = events.Select(e => (e.Kind, e.Type, e.Detail, e.DomainName)).Take(events.Count).ToArray();
            Assert.Equal(new (DomainEventKind, string?, string?, string)[]
            {
                (DomainEventKind.Lifecycle, "Defined", "Added", "test"),
                (DomainEventKind.Lifecycle, "Started", "Booted", "test"),
                (DomainEventKind.Lifecycle, "Suspended", "Paused", "test"),
                (DomainEventKind.Lifecycle, "Resumed", "Unpaused", "test"),
                (DomainEventKind.Lifecycle, "Stopped", "Shutdown", "test"),
                (DomainEventKind.Lifecycle, "Started", "Booted", "test"),
                (DomainEventKind.Lifecycle, "Stopped", "Destroyed", "test"),
                (DomainEventKind.Lifecycle, "Undefined", "Removed", "test"),
                (DomainEventKind.Lifecycle, "Defined", "Added", "test"),
                (DomainEventKind.Lifecycle, "Defined", "Updated", "test"),
            }, seen);
            Assert.All(events, e => Assert.Equal(driver.Uri.OriginalString, e.Uri));
        }

        [Fact]
        public async Task A_disposed_registration_and_a_closed_subscription_get_nothing_more()
        {
            var driver = TestDriverTests.NewHost();
            var connection = new VMHostConnection(driver, "localhost");
            var first = new BlockingCollection<DomainEvent>();
            var second = new BlockingCollection<DomainEvent>();
            var a = await DomainEventSubscription.StartAsync(connection, new[] { DomainEventKind.Lifecycle }, first.Add, None);
            var b = await DomainEventSubscription.StartAsync(connection, new[] { DomainEventKind.Lifecycle, DomainEventKind.DeviceAdded }, second.Add, None);
            var test = (await driver.Domains().CreateAsync(Xml, None)).ToIdentity();
            first.TryTake(out _); second.TryTake(out _); // started
            await driver.Domains().SuspendAsync(test, None);
            await a.CloseAsync(None);
            await driver.Domains().ResumeAsync(test, None);
            b.Dispose();
            await driver.Domains().SuspendAsync(test, None);
            Assert.Equal(new[] { "Suspended" }, first.Select(e => e.Type).Take(first.Count));
            Assert.Equal(new[] { "Suspended", "Resumed" }, second.Select(e => e.Type).Take(second.Count));
        }
    }
}
