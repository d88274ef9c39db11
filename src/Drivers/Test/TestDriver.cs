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

        private TestDriver(LibvirtUri uri, TestHost host, bool readOnly)
        {
            Uri = uri;
            _host = host;
            ReadOnly = readOnly;
            Migration = new TestMigration(this, host);
        }

        /// <summary>Opens the in-process host for <paramref name="uri"/>; <paramref name="readOnly"/> refuses every change, as libvirt's VIR_CONNECT_RO.</summary>
        public static IHypervisorDriver Open(LibvirtUri uri, bool readOnly = false)
        {
            if (!uri.IsEmbeddedTest)
                throw new ArgumentException($"'{uri}' is not an embedded test URI", nameof(uri));
            return new TestDriver(uri, TestHostRegistry.Get(uri), readOnly);
        }

        /// <summary>Whether this connection was opened read-only.</summary>
        public bool ReadOnly { get; }

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
            CheckWritable("virDomainDefineXMLFlags");
            var def = ParseForTest(xml);
            lock (_host.Sync) return ToModel(_host.Define(def));
        }

        public VMDomain CreateDomain(string xml, CancellationToken cancellationToken)
        {
            CheckWritable("virDomainCreateXML");
            var def = ParseForTest(xml);
            lock (_host.Sync) return ToModel(_host.CreateTransient(def));
        }

        // The API names are those of the calls the remote driver makes, so both drivers refuse a read-only
        // change with the same text.
        public void StartDomain(DomainIdentity domain, CancellationToken cancellationToken) => Change("virDomainCreateWithFlags", domain, _host.Start);
        public void ShutdownDomain(DomainIdentity domain, CancellationToken cancellationToken) => Change("virDomainShutdown", domain, _host.Shutdown);
        public void DestroyDomain(DomainIdentity domain, CancellationToken cancellationToken) => Change("virDomainDestroy", domain, _host.Destroy);
        public void RebootDomain(DomainIdentity domain, CancellationToken cancellationToken) => Change("virDomainReboot", domain, _host.Reboot);
        public void SuspendDomain(DomainIdentity domain, CancellationToken cancellationToken) => Change("virDomainSuspend", domain, _host.Suspend);
        public void ResumeDomain(DomainIdentity domain, CancellationToken cancellationToken) => Change("virDomainResume", domain, _host.Resume);
        public void UndefineDomain(DomainIdentity domain, CancellationToken cancellationToken) => Change("virDomainUndefineFlags", domain, _host.Undefine);

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
            CheckWritable("virDomainAbortJob");
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

        /// <summary>Open, and not read-only for <paramref name="api"/> (libvirt's public API name, for the message).</summary>
        internal void CheckWritable(string api)
        {
            CheckOpen();
            ReadOnlyAccess.Require(ReadOnly, api);
        }

        internal static DomainDefinition ParseForTest(string xml)
        {
            var def = DomainDefinition.Parse(xml);
            if (def.Type != "test")
                throw new LibvirtException(ErrorCode.ConfigUnsupported, ErrorDomain.Test,
                    $"unsupported configuration: the test driver only runs domains of type 'test', not '{def.Type}'") { Target = def.Name };
            return def;
        }

        private VMDomain Read(Func<TestDomain> find)
        {
            CheckOpen();
            lock (_host.Sync) return ToModel(find());
        }

        private void Change(string api, DomainIdentity domain, Action<TestDomain> action)
        {
            CheckWritable(api);
            lock (_host.Sync) action(_host.Find(domain));
        }
    }
}
