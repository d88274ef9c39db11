using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
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
    /// connection to the same URI path shares one <see cref="TestHost"/>. The work is synchronous, under the
    /// host's lock: each method runs its body and returns a completed task (failures as faulted tasks).
    /// </summary>
    public sealed partial class TestDriver : IHypervisorDriver, IHostDriver, IDomainDriver
    {
        private readonly TestHost _host;
        private readonly DriverKindTable _kinds;
        private int _closed;

        private TestDriver(LibvirtUri uri, TestHost host, bool readOnly)
        {
            Uri = uri;
            _host = host;
            ReadOnly = readOnly;
            _kinds = new DriverKindTable()
                .Add<IHostDriver>(this)
                .Add<IDomainDriver>(this)
                .Add<IConsoleDriver>(new TestConsole(this, host))
                .Add<IDeviceDriver>(this)
                .Add<IDomainConfigDriver>(this)
                .Add<ISnapshotDriver>(this)
                .Add<IDomainEventDriver>(this)
                .Add<IStatsDriver>(this)
                .Add<IMigrationDriver>(new TestMigration(this, host))
                .Add<INetworkDriver>(new TestNetworkDriver(this, host));
            var storage = new TestStorageDriver(this, host);
            _kinds.Add<IStoragePoolDriver>(storage).Add<IStorageVolumeDriver>(storage);
        }

        /// <summary>Opens the in-process host for <paramref name="uri"/>; <paramref name="readOnly"/> refuses every change, as libvirt's VIR_CONNECT_RO.</summary>
        public static IHypervisorDriver Open(LibvirtUri uri, bool readOnly = false)
        {
            if (!uri.IsEmbeddedTest)
                throw new ArgumentException($"'{uri}' is not an embedded test URI", nameof(uri));
            TestOpenProbe.Enter(uri.Path);
            return new TestDriver(uri, TestHostRegistry.Get(uri), readOnly);
        }

        /// <summary>Whether this connection was opened read-only.</summary>
        public bool ReadOnly { get; }

        /// <summary>Drops an in-process host so the next connection starts it fresh (used by tests).</summary>
        public static void ResetHost(string uri) => TestHostRegistry.Reset(LibvirtUri.Parse(uri).Path);

        /// <summary>Test hook: the in-process host behind <paramref name="uri"/> simulates migrations in <paramref name="clock"/>'s time.</summary>
        public static void UseClock(string uri, ITestClock clock) =>
            TestHostRegistry.Get(LibvirtUri.Parse(uri)).Clock = clock ?? throw new ArgumentNullException(nameof(clock));

        public LibvirtUri Uri { get; }

        public TKind? Kind<TKind>() where TKind : class => _kinds.Find<TKind>();

        internal string UriText => Uri.OriginalString;

        public Task<Version> GetLibvirtVersionAsync(CancellationToken cancellationToken) => AsTask(() => { CheckOpen(); return _host.LibvirtVersion; });

        public Task<VMHost> GetHostAsync(CancellationToken cancellationToken) => AsTask(() =>
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
        });

        public Task<IReadOnlyList<VMDomain>> ListAsync(CancellationToken cancellationToken) => AsTask<IReadOnlyList<VMDomain>>(() =>
        {
            CheckOpen();
            lock (_host.Sync)
                return _host.Domains.Select(ToModel).ToList();
        });

        public Task<VMDomain> LookupByNameAsync(string name, CancellationToken cancellationToken) => Read(() => _host.FindByName(name));
        public Task<VMDomain> LookupByIdAsync(int id, CancellationToken cancellationToken) => Read(() => _host.FindById(id));
        public Task<VMDomain> LookupByUuidAsync(Guid uuid, CancellationToken cancellationToken) => Read(() => _host.FindByUuid(uuid));
        public Task<VMDomain> GetAsync(DomainIdentity domain, CancellationToken cancellationToken) => Read(() => _host.Find(domain));

        public Task<VMDomain> DefineAsync(string xml, CancellationToken cancellationToken) => AsTask(() =>
        {
            CheckWritable("virDomainDefineXMLFlags");
            var def = ParseForTest(xml);
            lock (_host.Sync) return ToModel(_host.Define(def));
        });

        public Task<VMDomain> CreateAsync(string xml, CancellationToken cancellationToken) => AsTask(() =>
        {
            CheckWritable("virDomainCreateXML");
            var def = ParseForTest(xml);
            lock (_host.Sync) return ToModel(_host.CreateTransient(def));
        });

        // The API names are those of the calls the remote driver makes, so both drivers refuse a read-only
        // change with the same text.
        public Task StartAsync(DomainIdentity domain, CancellationToken cancellationToken) => Change("virDomainCreateWithFlags", domain, _host.Start);
        public Task ShutdownAsync(DomainIdentity domain, CancellationToken cancellationToken) => Change("virDomainShutdown", domain, _host.Shutdown);
        public Task DestroyAsync(DomainIdentity domain, CancellationToken cancellationToken) => Change("virDomainDestroy", domain, _host.Destroy);
        public Task RebootAsync(DomainIdentity domain, CancellationToken cancellationToken) => Change("virDomainReboot", domain, _host.Reboot);
        public Task ResetAsync(DomainIdentity domain, CancellationToken cancellationToken) => Change("virDomainReset", domain, _host.Reset);
        public Task SuspendAsync(DomainIdentity domain, CancellationToken cancellationToken) => Change("virDomainSuspend", domain, _host.Suspend);
        public Task ResumeAsync(DomainIdentity domain, CancellationToken cancellationToken) => Change("virDomainResume", domain, _host.Resume);
        public Task UndefineAsync(DomainIdentity domain, CancellationToken cancellationToken) => Change("virDomainUndefineFlags", domain, _host.Undefine);
        // libvirt's test driver sets it on transient domains too (virsh autostart on test:///default says so).
        public Task SetAutostartAsync(DomainIdentity domain, bool autostart, CancellationToken cancellationToken) => Change("virDomainSetAutostart", domain, d => d.Autostart = autostart);

        public Task<string> GetXmlAsync(DomainIdentity domain, bool inactive, CancellationToken cancellationToken) => AsTask(() =>
        {
            CheckOpen();
            lock (_host.Sync)
            {
                var dom = _host.Find(domain);
                return inactive ? dom.InactiveDefinition.ToXml(null) : dom.Definition.ToXml(dom.Id);
            }
        });

        public Task<DomainJobInfo> GetJobInfoAsync(DomainIdentity domain, bool completed, CancellationToken cancellationToken) => AsTask(() =>
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
        });

        public Task AbortJobAsync(DomainIdentity domain, CancellationToken cancellationToken) => AsTask(() =>
        {
            CheckWritable("virDomainAbortJob");
            TestDomain dom;
            lock (_host.Sync) dom = _host.Find(domain);
            var job = dom.Job ?? throw LibvirtException.OperationInvalid("no job is active on the domain", ErrorDomain.Test, dom.Name);
            job.Abort();
        });

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

        /// <summary>
        /// Parses as libvirt's test driver does: any domain type libvirt knows (a qemu or kvm definition works
        /// here unchanged), stored the way libvirt formats it back.
        /// </summary>
        internal static DomainDefinition ParseForTest(string xml) => TestDomainXml.Normalize(DomainDefinition.Parse(xml));

        /// <summary>Runs a synchronous body as a completed task; what it throws becomes the task's failure, as an RPC's would.</summary>
        internal static Task<T> AsTask<T>(Func<T> body)
        {
            try { return Task.FromResult(body()); }
            catch (Exception e) { return Task.FromException<T>(e); }
        }

        internal static Task AsTask(Action body)
        {
            try
            {
                body();
                return Task.CompletedTask;
            }
            catch (Exception e) { return Task.FromException(e); }
        }

        private Task<VMDomain> Read(Func<TestDomain> find) => AsTask(() =>
        {
            CheckOpen();
            lock (_host.Sync) return ToModel(find());
        });

        private Task Change(string api, DomainIdentity domain, Action<TestDomain> action) => AsTask(() =>
        {
            CheckWritable(api);
            lock (_host.Sync) action(_host.Find(domain));
        });
    }
}
