using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Jobs;
using Libvirt.Engine.Model;
using Libvirt.Engine.Uris;
using Libvirt.Engine.Xml;

namespace Libvirt.Drivers.Test
{
    /// <summary>
    /// The embedded test hypervisor: libvirt's test driver semantics, in process, with no daemon. Every
    /// connection to the same URI path shares one <see cref="TestHost"/>.
    /// </summary>
    public sealed class TestDriver : IHypervisorDriver
    {
        private readonly TestHost _host;
        private int _closed;

        private TestDriver(LibvirtUri uri, TestHost host)
        {
            Uri = uri;
            _host = host;
            Migration = new TestMigration(this, host);
        }

        public static IHypervisorDriver Open(LibvirtUri uri)
        {
            if (!uri.IsEmbeddedTest)
                throw new ArgumentException($"'{uri}' is not an embedded test URI", nameof(uri));
            return new TestDriver(uri, TestHostRegistry.Get(uri));
        }

        /// <summary>Drops an in-process host so the next connection starts it fresh (used by tests).</summary>
        public static void ResetHost(string uri) => TestHostRegistry.Reset(LibvirtUri.Parse(uri).Path);

        public LibvirtUri Uri { get; }

        public IMigrationDriver Migration { get; }

        internal string UriText => Uri.OriginalString;

        public Version GetLibvirtVersion(CancellationToken cancellationToken) { CheckOpen(); return _host.LibvirtVersion; }

        public VMHost GetHost(CancellationToken cancellationToken)
        {
            CheckOpen();
            var node = _host.Node;
            return new VMHost
            {
                Hostname = _host.Hostname,
                Uri = UriText,
                HypervisorType = "TEST",
                HypervisorVersion = new Version(0, 0, 2),
                LibvirtVersion = _host.LibvirtVersion,
                CpuModel = node.Model,
                Cpus = node.Cpus,
                MemoryMB = (long)(node.MemoryKiB / 1024),
            };
        }

        public IReadOnlyList<VMDomain> ListDomains(CancellationToken cancellationToken)
        {
            CheckOpen();
            lock (_host.Sync)
                return _host.Domains.Select(ToModel).ToList();
        }

        public VMDomain LookupByName(string name, CancellationToken cancellationToken) => Read(() => _host.FindByName(name));
        public VMDomain LookupById(int id, CancellationToken cancellationToken) => Read(() => _host.FindById(id));
        public VMDomain LookupByUuid(Guid uuid, CancellationToken cancellationToken) => Read(() => _host.FindByUuid(uuid));
        public VMDomain GetDomain(DomainIdentity domain, CancellationToken cancellationToken) => Read(() => _host.Find(domain));

        public VMDomain DefineDomain(string xml, CancellationToken cancellationToken)
        {
            CheckOpen();
            var def = ParseForTest(xml);
            lock (_host.Sync) return ToModel(_host.Define(def));
        }

        public VMDomain CreateDomain(string xml, CancellationToken cancellationToken)
        {
            CheckOpen();
            var def = ParseForTest(xml);
            lock (_host.Sync) return ToModel(_host.CreateTransient(def));
        }

        public void StartDomain(DomainIdentity domain, CancellationToken cancellationToken) => Change(domain, _host.Start);
        public void ShutdownDomain(DomainIdentity domain, CancellationToken cancellationToken) => Change(domain, _host.Shutdown);
        public void DestroyDomain(DomainIdentity domain, CancellationToken cancellationToken) => Change(domain, _host.Destroy);
        public void RebootDomain(DomainIdentity domain, CancellationToken cancellationToken) => Change(domain, _host.Reboot);
        public void ResetDomain(DomainIdentity domain, CancellationToken cancellationToken) => Change(domain, _host.Reset);
        public void SuspendDomain(DomainIdentity domain, CancellationToken cancellationToken) => Change(domain, _host.Suspend);
        public void ResumeDomain(DomainIdentity domain, CancellationToken cancellationToken) => Change(domain, _host.Resume);
        public void UndefineDomain(DomainIdentity domain, CancellationToken cancellationToken) => Change(domain, _host.Undefine);

        public string GetDomainXml(DomainIdentity domain, bool inactive, CancellationToken cancellationToken)
        {
            CheckOpen();
            lock (_host.Sync)
            {
                var dom = _host.Find(domain);
                return inactive ? dom.InactiveDefinition.ToXml(null) : dom.Definition.ToXml(dom.Id);
            }
        }

        public DomainJobInfo GetJobInfo(DomainIdentity domain, bool completed, CancellationToken cancellationToken)
        {
            CheckOpen();
            TestDomain dom;
            lock (_host.Sync) dom = _host.Find(domain);
            var snapshot = completed ? dom.CompletedJob : dom.Job?.Snapshot();
            var info = snapshot == null
                ? new DomainJobInfo { Type = DomainJobType.None }
                : DomainJobInfo.FromStatistics(snapshot.Type, snapshot.Statistics);
            info.Domain = dom.Name;
            info.Host = _host.Hostname;
            return info;
        }

        public void AbortJob(DomainIdentity domain, CancellationToken cancellationToken)
        {
            CheckOpen();
            TestDomain dom;
            lock (_host.Sync) dom = _host.Find(domain);
            var job = dom.Job ?? throw LibvirtException.OperationInvalid("no job is active on the domain", ErrorDomain.Test, dom.Name);
            job.Abort();
        }

        public void Dispose() => Interlocked.Exchange(ref _closed, 1);

        internal VMDomain ToModel(TestDomain dom) => dom.ToModel(_host.Hostname, UriText);

        internal void CheckOpen()
        {
            if (Volatile.Read(ref _closed) != 0)
                throw new LibvirtException(ErrorCode.InvalidConn, ErrorDomain.Test, "invalid connection pointer: the connection is closed");
        }

        /// <summary>
        /// Parses as libvirt's test driver does: any domain type libvirt knows (a qemu or kvm definition works
        /// here unchanged), stored the way libvirt formats it back.
        /// </summary>
        internal static DomainDefinition ParseForTest(string xml) => TestDomainXml.Normalize(DomainDefinition.Parse(xml));

        private VMDomain Read(Func<TestDomain> find)
        {
            CheckOpen();
            lock (_host.Sync) return ToModel(find());
        }

        private void Change(DomainIdentity domain, Action<TestDomain> action)
        {
            CheckOpen();
            lock (_host.Sync) action(_host.Find(domain));
        }
    }
}
