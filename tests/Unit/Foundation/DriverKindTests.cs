using System;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Uris;
using Xunit;

namespace Libvirt.Tests.Unit.Foundation
{
    /// <summary>A connection hands out one driver per object kind; a kind it lacks is one NoSupport error.</summary>
    public class DriverKindTests
    {
        /// <summary>A driver with no kinds at all, as a driver for a hypervisor without, say, storage would be for that kind.</summary>
        private sealed class BareDriver : IHypervisorDriver
        {
            private readonly DriverKindTable _kinds = new DriverKindTable();
            public LibvirtUri Uri { get; } = LibvirtUri.Parse("test:///bare");
            public TKind? Kind<TKind>() where TKind : class => _kinds.Find<TKind>();
            public void Dispose() { }
        }

        [Fact]
        public void A_missing_kind_is_no_support_naming_the_kind_and_the_uri()
        {
            using var driver = new BareDriver();
            foreach (var (kind, get) in new (string, Action)[] { ("domains", () => driver.Domains()), ("host", () => driver.Host()), ("migration", () => driver.Migration()) })
            {
                var e = Assert.Throws<LibvirtException>(get);
                Assert.Equal(ErrorCode.NoSupport, e.Code);
                Assert.Contains(kind, e.Message);
                Assert.Equal("test:///bare", e.Target);
            }
        }

        [Fact]
        public void Both_drivers_serve_host_domains_and_migration()
        {
            using var driver = TestDriverTests.NewHost();
            Assert.NotNull(driver.Host());
            Assert.NotNull(driver.Domains());
            Assert.NotNull(driver.Migration());
            Assert.Null(driver.Kind<IDisposable>());
        }

        [Fact]
        public void A_kind_is_added_once()
        {
            var table = new DriverKindTable().Add<IDisposable>(new System.IO.MemoryStream());
            Assert.Throws<ArgumentException>(() => table.Add<IDisposable>(new System.IO.MemoryStream()));
        }
    }
}
