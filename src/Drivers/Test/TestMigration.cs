using System;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Jobs;
using Libvirt.Engine.Model;
using Libvirt.Engine.TypedParameters;
using Libvirt.Engine.Uris;
using Libvirt.Engine.Xml;
using K = Libvirt.Drivers.Test.TestMigrationKeys;

namespace Libvirt.Drivers.Test
{
    /// <summary>
    /// Migration between in-process test hosts, phase by phase as libvirt's migration protocol v3 runs it:
    /// Begin and Confirm on the source, Prepare and Finish on the destination, Perform moving the data
    /// (simulated at the requested bandwidth). As on a real source, a failed or aborted Perform recovers the
    /// source by itself (the guest keeps running there); with PEER2PEER, Perform runs every phase itself.
    /// The phases are synchronous under the host's lock and return completed tasks; only the transfer waits.
    /// </summary>
    internal sealed class TestMigration : IMigrationDriver
    {
        private readonly TestDriver _driver;
        private readonly TestHost _host;

        public TestMigration(TestDriver driver, TestHost host) { _driver = driver; _host = host; }

        public Task<MigrationBeginResult> BeginAsync(DomainIdentity domain, TypedParameterList parameters, uint flags, CancellationToken cancellationToken) =>
            TestDriver.AsTask(() =>
            {
                _driver.CheckWritable("virDomainMigrateBegin3Params");
                var def = BeginOnSource(_host, domain, parameters, flags);
                return new MigrationBeginResult(def.ToXml(null), new TestMigrationCookie("begin", _host.RegistryPath, domain.Uuid).ToBytes());
            });

        public Task<MigrationPrepareResult> PrepareAsync(TypedParameterList parameters, byte[] cookieIn, uint flags, CancellationToken cancellationToken) =>
            TestDriver.AsTask(() => Prepare(parameters, cookieIn, flags));

        private MigrationPrepareResult Prepare(TypedParameterList parameters, byte[] cookieIn, uint flags)
        {
            _driver.CheckWritable("virDomainMigratePrepare3Params");
            MigrateUriCheck.Validate(parameters.GetString(K.MigrateUri));
            var begin = TestMigrationCookie.Parse(cookieIn, "begin");
            var xml = parameters.GetString(K.DestinationXml)
                ?? throw new LibvirtException(ErrorCode.InvalidArg, ErrorDomain.Test, "invalid argument: no domain XML passed to the prepare phase");
            var def = TestDriver.ParseForTest(xml);
            if (def.Uuid != begin.Uuid)
                throw new LibvirtException(ErrorCode.InvalidArg, ErrorDomain.Test, "invalid argument: the domain XML does not match the migrating domain's UUID");
            PrepareOnDestination(_host, def, flags);
            var uri = parameters.GetString(K.MigrateUri) ?? "test://" + _host.RegistryPath;
            return new MigrationPrepareResult(new TestMigrationCookie("prepare", _host.RegistryPath, def.Uuid).ToBytes(), uri);
        }

        public async Task<byte[]> PerformAsync(DomainIdentity domain, string? destinationUri, TypedParameterList parameters, byte[] cookieIn, uint flags, CancellationToken cancellationToken)
        {
            _driver.CheckWritable("virDomainMigratePerform3Params");
            if ((flags & K.PeerToPeer) != 0)
            {
                await PerformPeerToPeer(domain, destinationUri, parameters, flags, cancellationToken).ConfigureAwait(false);
                return Array.Empty<byte>();
            }
            var prepare = TestMigrationCookie.Parse(cookieIn, "prepare");
            if (prepare.Uuid != domain.Uuid)
                throw new LibvirtException(ErrorCode.InvalidArg, ErrorDomain.Test, "invalid argument: the migration cookie is for another domain");
            if ((flags & K.Offline) != 0)
                return new TestMigrationCookie("perform", _host.RegistryPath, domain.Uuid).ToBytes();
            await Transfer(_host, domain, parameters, flags, cancellationToken).ConfigureAwait(false);
            return new TestMigrationCookie("perform", _host.RegistryPath, domain.Uuid).ToBytes();
        }

        public Task<MigrationFinishResult> FinishAsync(TypedParameterList parameters, byte[] cookieIn, uint flags, bool cancelled, CancellationToken cancellationToken) =>
            TestDriver.AsTask(() => Finish(parameters, cookieIn, flags, cancelled));

        private MigrationFinishResult Finish(TypedParameterList parameters, byte[] cookieIn, uint flags, bool cancelled)
        {
            _driver.CheckWritable("virDomainMigrateFinish3Params");
            // Perform's cookie, or Prepare's when Perform never ran; after a failed Perform the client has no
            // cookie to give, and the domain is found by name, as libvirt does.
            Guid? uuid = cookieIn != null && cookieIn.Length > 0 ? TestMigrationCookie.Parse(cookieIn, "perform", "prepare").Uuid : (Guid?)null;
            var dom = FinishOnDestination(_host, uuid, parameters, flags, cancelled);
            return new MigrationFinishResult(dom == null ? null : _driver.ToModel(dom),
                dom == null ? Array.Empty<byte>() : new TestMigrationCookie("finish", _host.RegistryPath, dom.Uuid).ToBytes());
        }

        public Task ConfirmAsync(DomainIdentity domain, TypedParameterList parameters, byte[] cookieIn, uint flags, bool cancelled, CancellationToken cancellationToken) =>
            TestDriver.AsTask(() =>
            {
                _driver.CheckWritable("virDomainMigrateConfirm3Params");
                ConfirmOnSource(_host, domain, flags, cancelled);
            });

        public Task SetMaxSpeedAsync(DomainIdentity domain, ulong bandwidthMiBps, bool postcopy, CancellationToken cancellationToken) =>
            TestDriver.AsTask(() =>
            {
                var job = ActiveJob("virDomainMigrateSetMaxSpeed", domain);
                if (!postcopy) job.SetBandwidth(bandwidthMiBps);
            });

        public Task SetMaxDowntimeAsync(DomainIdentity domain, ulong downtimeMs, CancellationToken cancellationToken) =>
            TestDriver.AsTask(() => ActiveJob("virDomainMigrateSetMaxDowntime", domain).MaxDowntimeMs = downtimeMs);

        public Task StartPostCopyAsync(DomainIdentity domain, CancellationToken cancellationToken) =>
            TestDriver.AsTask(() => ActiveJob("virDomainMigrateStartPostCopy", domain).StartPostcopy());

        private TestMigrationJob ActiveJob(string api, DomainIdentity domain)
        {
            _driver.CheckWritable(api);
            lock (_host.Sync)
            {
                var dom = _host.Find(domain);
                return dom.Job ?? throw LibvirtException.OperationInvalid("no migration job is active on the domain", ErrorDomain.Test, dom.Name);
            }
        }

        private async Task PerformPeerToPeer(DomainIdentity domain, string? destinationUri, TypedParameterList parameters, uint flags, CancellationToken cancellationToken)
        {
            MigrateUriCheck.Validate(parameters.GetString(K.MigrateUri));
            if (string.IsNullOrEmpty(destinationUri) || !LibvirtUri.TryParse(destinationUri, out var uri) || !uri!.IsEmbeddedTest)
                throw new LibvirtException(ErrorCode.OperationFailed, ErrorDomain.Test,
                    $"operation failed: the test driver can only migrate peer-to-peer to another in-process test host, not '{destinationUri}'") { Target = destinationUri };
            var destination = TestHostRegistry.Get(uri);
            if (ReferenceEquals(destination, _host))
                throw LibvirtException.OperationInvalid("attempt to migrate a domain to the same host", ErrorDomain.Test, domain.Name);
            var def = BeginOnSource(_host, domain, parameters, flags | K.ChangeProtection);
            try
            {
                PrepareOnDestination(destination, def, flags);
            }
            catch
            {
                ConfirmOnSource(_host, domain, flags, cancelled: true);
                throw;
            }
            try
            {
                if ((flags & K.Offline) == 0) await Transfer(_host, domain, parameters, flags, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                FinishOnDestination(destination, domain.Uuid, parameters, flags, cancelled: true, fallbackName: def.Name);
                throw;
            }
            TestDomain? finished;
            try
            {
                finished = FinishOnDestination(destination, domain.Uuid, parameters, flags, cancelled: false, fallbackName: def.Name);
            }
            catch
            {
                // The guest did not start on the destination: drop what is there and resume it on the source.
                try { FinishOnDestination(destination, domain.Uuid, parameters, flags, cancelled: true, fallbackName: def.Name); }
                catch (LibvirtException) { }
                ConfirmOnSource(_host, domain, flags, cancelled: true);
                throw;
            }
            ConfirmOnSource(_host, domain, flags, cancelled: finished == null);
        }

        private static DomainDefinition BeginOnSource(TestHost host, DomainIdentity domain, TypedParameterList parameters, uint flags)
        {
            lock (host.Sync)
            {
                var dom = host.Find(domain);
                var offline = (flags & K.Offline) != 0;
                if (offline)
                {
                    if ((flags & K.Live) != 0)
                        throw new LibvirtException(ErrorCode.OperationInvalid, ErrorDomain.Test, "Requested operation is not valid: live and offline migration flags are mutually exclusive");
                    if ((flags & K.PersistDestination) == 0)
                        throw new LibvirtException(ErrorCode.OperationInvalid, ErrorDomain.Test, "Requested operation is not valid: offline migration requires the PersistDestination flag");
                    if (!dom.Persistent)
                        throw LibvirtException.OperationInvalid("cannot migrate a transient domain offline", ErrorDomain.Test, dom.Name);
                }
                else if (!dom.IsActive)
                {
                    throw LibvirtException.OperationInvalid("domain is not running", ErrorDomain.Test, dom.Name);
                }
                if (dom.Job != null)
                    throw LibvirtException.OperationInvalid("another migration job is already running for this domain", ErrorDomain.Test, dom.Name);

                var xml = parameters.GetString(K.DestinationXml);
                var def = xml != null ? TestDriver.ParseForTest(xml) : (offline ? dom.InactiveDefinition : dom.Definition).Clone();
                if (def.Uuid != dom.Uuid)
                    throw new LibvirtException(ErrorCode.InvalidArg, ErrorDomain.Test, "invalid argument: destination_xml must keep the domain's UUID") { Target = K.DestinationXml };
                var newName = parameters.GetString(K.DestinationName);
                if (!string.IsNullOrEmpty(newName)) def = def.Renamed(newName!);
                // With change protection the domain is held by a migration job from Begin on.
                if ((flags & K.ChangeProtection) != 0) dom.Job = NewJob(host, dom, parameters, flags);
                return def;
            }
        }

        private static TestMigrationJob NewJob(TestHost host, TestDomain dom, TypedParameterList parameters, uint flags)
        {
            var total = (flags & K.Offline) != 0 ? 0 : dom.Definition.CurrentMemoryKiB * 1024;
            parameters.TryGetUInt64(K.Bandwidth, out var bandwidth);
            return new TestMigrationJob(host.Clock, total, bandwidth, dom.State == DomainState.Running) { PostcopyAllowed = (flags & K.Postcopy) != 0 };
        }

        private static void PrepareOnDestination(TestHost host, DomainDefinition def, uint flags)
        {
            lock (host.Sync)
            {
                var existing = host.TryFindByUuid(def.Uuid);
                if (existing != null && existing.IsActive)
                    throw LibvirtException.OperationInvalid($"domain '{existing.Name}' is already active on the destination", ErrorDomain.Test, def.Name);
                var byName = host.TryFindByName(def.Name);
                if (byName != null && byName.Uuid != def.Uuid)
                    throw new LibvirtException(ErrorCode.OperationFailed, ErrorDomain.Test, $"operation failed: domain '{def.Name}' already exists with uuid {byName.Uuid:D}") { Target = def.Name };
                if ((flags & K.Offline) != 0)
                {
                    // Only the definition moves; Finish defines it.
                    host.IncomingOffline[def.Name] = def;
                    return;
                }
                // The incoming domain waits, paused, for its memory.
                host.CreateTransient(def, DomainState.Paused, "Migration");
            }
        }

        private static async Task Transfer(TestHost host, DomainIdentity domain, TypedParameterList parameters, uint flags, CancellationToken cancellationToken)
        {
            TestDomain dom;
            TestMigrationJob job;
            lock (host.Sync)
            {
                dom = host.Find(domain);
                if (!dom.IsActive) throw LibvirtException.OperationInvalid("domain is not running", ErrorDomain.Test, dom.Name);
                job = dom.Job ??= NewJob(host, dom, parameters, flags);
                if ((flags & K.Live) == 0 && dom.State == DomainState.Running)
                    dom.SetState(DomainState.Paused, "Migration");
            }
            try
            {
                await job.TransferAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // A real source recovers by itself when Perform fails: the job ends and the guest runs on.
                lock (host.Sync)
                {
                    dom.Job = null;
                    dom.CompletedJob = job.Snapshot(DomainJobType.Cancelled, success: false, error: e.Message);
                    if (dom.IsActive && job.WasRunning && dom.State == DomainState.Paused)
                        dom.SetState(DomainState.Running, "MigrationCanceled");
                }
                throw;
            }
            lock (host.Sync)
            {
                // The source stops running at the switch-over; Confirm decides what becomes of it.
                if (dom.IsActive) dom.SetState(DomainState.Paused, "Migration");
            }
        }

        private static TestDomain? FinishOnDestination(TestHost host, Guid? uuid, TypedParameterList parameters, uint flags, bool cancelled, string? fallbackName = null)
        {
            lock (host.Sync)
            {
                var name = parameters.GetString(K.DestinationName) ?? NameIn(parameters.GetString(K.DestinationXml)) ?? fallbackName;
                if ((flags & K.Offline) != 0)
                {
                    if (name == null || !host.IncomingOffline.TryGetValue(name, out var def)) return null;
                    host.IncomingOffline.Remove(name);
                    if (cancelled) return null;
                    var persistentXml = parameters.GetString(K.PersistentXml);
                    if (persistentXml != null) def = TestDriver.ParseForTest(persistentXml);
                    return host.Define(def);
                }
                var dom = uuid.HasValue ? host.TryFindByUuid(uuid.Value) : (name == null ? null : host.TryFindByName(name));
                if (dom == null || !dom.IsActive) return null;
                if (cancelled)
                {
                    host.Stop(dom, "Migrated");
                    return null;
                }
                // Everything that can fail comes before the guest runs here: a failed Finish must leave it only on the source.
                var persistentText = parameters.GetString(K.PersistentXml);
                var persistentDef = (flags & K.PersistDestination) != 0 && persistentText != null ? TestDriver.ParseForTest(persistentText) : null;
                if ((flags & K.Paused) != 0) dom.SetState(DomainState.Paused, "User");
                else dom.SetState(DomainState.Running, "Migrated");
                if ((flags & K.PersistDestination) != 0)
                {
                    dom.Persistent = true;
                    if (persistentDef != null) dom.PendingDefinition = persistentDef;
                }
                return dom;
            }
        }

        private static string? NameIn(string? xml) => xml == null ? null : TestDriver.ParseForTest(xml).Name;

        private static void ConfirmOnSource(TestHost host, DomainIdentity domain, uint flags, bool cancelled)
        {
            lock (host.Sync)
            {
                var dom = host.Find(domain);
                var job = dom.Job;
                dom.Job = null;
                if (job != null)
                    dom.CompletedJob = cancelled
                        ? job.Snapshot(DomainJobType.Cancelled, success: false, error: "migration was cancelled")
                        : job.Snapshot(DomainJobType.Completed, success: true, error: null);
                if (cancelled)
                {
                    // Nothing is lost: the guest keeps running where it was.
                    if (dom.IsActive && job != null && job.WasRunning && dom.State == DomainState.Paused)
                        dom.SetState(DomainState.Running, "MigrationCanceled");
                    return;
                }
                if (dom.IsActive)
                {
                    dom.MarkStopped("Migrated");
                    if (!dom.Persistent) { host.Remove(dom); return; }
                }
                if ((flags & K.UndefineSource) != 0 && dom.Persistent)
                    host.Remove(dom);
            }
        }
    }
}
