using System;
using System.Collections.Generic;
using System.Linq;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Events;
using Libvirt.Engine.Model;
using Libvirt.Engine.Xml;

namespace Libvirt.Drivers.Test
{
    /// <summary>
    /// An in-process hypervisor host with libvirt's test-driver semantics. One instance is shared by every
    /// connection to the same test URI in the process. All state changes happen under <see cref="Sync"/>.
    /// </summary>
    internal sealed class TestHost
    {
        private readonly List<TestDomain> _domains = new List<TestDomain>();
        private int _nextId = 1;

        public TestHost(string name, string hostname, TestNodeInfo node)
        {
            Name = name;
            Hostname = hostname;
            Node = node;
        }

        public object Sync { get; } = new object();

        /// <summary>The domain events this host emits, as libvirt's test driver does (lifecycle only).</summary>
        public TestEventHub Events { get; } = new TestEventHub();
        public string Name { get; }

        /// <summary>The URI path the registry knows this host by ("/default", "/other", "/tmp/node.xml").</summary>
        public string RegistryPath { get; set; } = "";
        public string Hostname { get; }
        public TestNodeInfo Node { get; }

        /// <summary>The time migrations on this host are simulated in; tests replace it (<see cref="TestDriver.UseClock"/>).</summary>
        public ITestClock Clock { get; set; } = SystemTestClock.Instance;

        /// <summary>The libvirt release this host claims to be, for feature checks (node files may lower it).</summary>
        public Version LibvirtVersion { get; set; } = TestNodeInfo.EmulatedLibvirtVersion;

        /// <summary>Definitions an offline migration prepared here, by name, waiting for its Finish.</summary>
        /// <summary>The host's networks and storage pools (TestNetworkDriver, TestStorageDriver), under <see cref="Sync"/>.</summary>
        public List<TestNetwork> Networks { get; } = new List<TestNetwork>();
        public List<TestStoragePool> Pools { get; } = new List<TestStoragePool>();

        public Dictionary<string, DomainDefinition> IncomingOffline { get; } = new Dictionary<string, DomainDefinition>(StringComparer.Ordinal);

        public TestDomain? TryFindByName(string name) { lock (Sync) return _domains.FirstOrDefault(d => d.Name == name); }

        public IReadOnlyList<TestDomain> Domains { get { lock (Sync) return _domains.ToList(); } }

        public TestDomain Find(DomainIdentity identity)
        {
            lock (Sync)
                return _domains.FirstOrDefault(d => d.Uuid == identity.Uuid)
                    ?? throw LibvirtException.NoDomain($"no domain with matching uuid '{identity.Uuid}' ({identity.Name})", ErrorDomain.Test);
        }

        public TestDomain FindByName(string name)
        {
            lock (Sync)
                return _domains.FirstOrDefault(d => d.Name == name)
                    ?? throw LibvirtException.NoDomain($"no domain with matching name '{name}'", ErrorDomain.Test);
        }

        public TestDomain FindById(int id)
        {
            lock (Sync)
                return _domains.FirstOrDefault(d => d.Id == id)
                    ?? throw LibvirtException.NoDomain($"no domain with matching id {id}", ErrorDomain.Test);
        }

        public TestDomain FindByUuid(Guid uuid)
        {
            lock (Sync)
                return _domains.FirstOrDefault(d => d.Uuid == uuid)
                    ?? throw LibvirtException.NoDomain($"no domain with matching uuid '{uuid}'", ErrorDomain.Test);
        }

        public TestDomain? TryFindByUuid(Guid uuid) { lock (Sync) return _domains.FirstOrDefault(d => d.Uuid == uuid); }

        /// <summary>virDomainDefineXML: a new persistent domain, or a new definition for an existing one.</summary>
        public TestDomain Define(DomainDefinition def)
        {
            lock (Sync)
            {
                var existing = CheckClash(def, allowSameUuid: true);
                if (existing == null)
                {
                    var dom = new TestDomain(def, persistent: true);
                    _domains.Add(dom);
                    Events.Lifecycle(dom, DomainLifecycleEventType.Defined, "Added");
                    return dom;
                }
                if (existing.IsActive)
                {
                    existing.PendingDefinition = def;
                }
                else
                {
                    existing.Definition = def;
                }
                existing.Persistent = true;
                Events.Lifecycle(existing, DomainLifecycleEventType.Defined, "Updated");
                return existing;
            }
        }

        /// <summary>virDomainCreateXML: starts a transient domain (or an inactive one of the same UUID with this definition).</summary>
        public TestDomain CreateTransient(DomainDefinition def, DomainState state = DomainState.Running, string reason = "Booted")
        {
            lock (Sync)
            {
                var existing = CheckClash(def, allowSameUuid: true);
                if (existing != null)
                {
                    if (existing.IsActive)
                        throw LibvirtException.OperationInvalid($"domain '{def.Name}' is already active", ErrorDomain.Test, def.Name);
                    existing.PendingDefinition = existing.Definition;
                    existing.Definition = def;
                    existing.MarkStarted(_nextId++, state, reason);
                    Events.Lifecycle(existing, DomainLifecycleEventType.Started, "Booted");
                    return existing;
                }
                var dom = new TestDomain(def, persistent: false);
                dom.MarkStarted(_nextId++, state, reason);
                _domains.Add(dom);
                Events.Lifecycle(dom, DomainLifecycleEventType.Started, "Booted");
                return dom;
            }
        }

        /// <summary>Adds a domain from a node file in the given state (libvirt's test:runstate).</summary>
        public TestDomain Load(DomainDefinition def, bool persistent, DomainState state)
        {
            lock (Sync)
            {
                CheckClash(def, allowSameUuid: false);
                var dom = new TestDomain(def, persistent);
                _domains.Add(dom);
                if (state == DomainState.ShutOff)
                {
                    if (!persistent)
                        throw new LibvirtException(ErrorCode.InvalidArg, ErrorDomain.Test, $"transient domain '{def.Name}' cannot be shut off");
                }
                else
                {
                    // libvirt's test driver gives loaded domains the reason "unknown", whatever their state.
                    dom.MarkStarted(_nextId++, state, "Unknown");
                }
                return dom;
            }
        }

        public void Start(TestDomain dom)
        {
            lock (Sync)
            {
                // libvirt's test driver reports these state conflicts as internal errors; keep its codes.
                if (dom.IsActive) throw NotInState($"Domain '{dom.Name}' is already running", dom);
                dom.MarkStarted(_nextId++, DomainState.Running, "Booted");
                Events.Lifecycle(dom, DomainLifecycleEventType.Started, "Booted");
            }
        }

        /// <summary>
        /// Shutting down works in any active state (paused too) and then does what &lt;on_poweroff&gt; says, as
        /// libvirt's test driver does: restart boots the domain again under the same id.
        /// </summary>
        public void Shutdown(TestDomain dom)
        {
            lock (Sync)
            {
                if (!dom.IsActive) throw NotInState($"domain '{dom.Name}' not running", dom);
                Act(dom, "on_poweroff");
            }
        }

        /// <summary>The guest's own power-off or reboot: &lt;on_poweroff&gt; or &lt;on_reboot&gt; decides.</summary>
        private void Act(TestDomain dom, string lifecycleElement)
        {
            switch (dom.Definition.Root.Element(lifecycleElement)?.Value.Trim())
            {
                case "restart":
                case "rename-restart":
                    dom.SetState(DomainState.Running, "Booted");
                    break;
                default:
                    Stop(dom, "Shutdown");
                    break;
            }
        }

        public void Destroy(TestDomain dom) => Stop(dom, "Destroyed");

        public void Stop(TestDomain dom, string reason)
        {
            lock (Sync)
            {
                RequireActive(dom);
                dom.Job?.Abort();
                dom.MarkStopped(reason);
                if (!dom.Persistent) _domains.Remove(dom);
                Events.Lifecycle(dom, DomainLifecycleEventType.Stopped, reason);
            }
        }

        /// <summary>Rebooting (also a paused domain) does what &lt;on_reboot&gt; says: by default it runs again.</summary>
        public void Reboot(TestDomain dom)
        {
            lock (Sync)
            {
                RequireActive(dom);
                Act(dom, "on_reboot");
            }
        }

        /// <summary>libvirt's test driver only checks that the domain is active: state and reason stay as they are.</summary>
        public void Reset(TestDomain dom)
        {
            lock (Sync) RequireActive(dom);
        }

        public void Suspend(TestDomain dom)
        {
            lock (Sync)
            {
                // Inactive or not running: libvirt's test driver says "not running" as an internal error either way.
                if (dom.State != DomainState.Running) throw NotInState($"domain '{dom.Name}' not running", dom);
                dom.SetState(DomainState.Paused, "User");
                Events.Lifecycle(dom, DomainLifecycleEventType.Suspended, "Paused");
            }
        }

        public void Resume(TestDomain dom)
        {
            lock (Sync)
            {
                if (dom.State != DomainState.Paused) throw NotInState($"domain '{dom.Name}' not paused", dom);
                if (dom.Job != null)
                    throw LibvirtException.OperationInvalid("domain has an active migration job", ErrorDomain.Test, dom.Name);
                dom.SetState(DomainState.Running, "Unpaused");
                Events.Lifecycle(dom, DomainLifecycleEventType.Resumed, "Unpaused");
            }
        }

        /// <summary>Undefining a running persistent domain makes it transient; an inactive one is removed.</summary>
        public void Undefine(TestDomain dom)
        {
            lock (Sync)
            {
                if (!dom.Persistent)
                    throw LibvirtException.OperationInvalid("cannot undefine transient domain", ErrorDomain.Test, dom.Name);
                // Undefine without VIR_DOMAIN_UNDEFINE_MANAGED_SAVE, as the cmdlets call it.
                if (dom.HasManagedSave)
                    throw LibvirtException.OperationInvalid("Refusing to undefine while domain managed save image exists", ErrorDomain.Test, dom.Name);
                if (dom.IsActive)
                {
                    dom.Persistent = false;
                    dom.PendingDefinition = null;
                    dom.Autostart = false;
                }
                else
                {
                    _domains.Remove(dom);
                }
                Events.Lifecycle(dom, DomainLifecycleEventType.Undefined, "Removed");
            }
        }

        /// <summary>
        /// Returns a domain to a snapshot: its definition, and its state (a running snapshot runs again, on
        /// a new id when the domain was off; a shut-off one stops the domain).
        /// </summary>
        public void RevertTo(TestDomain dom, DomainDefinition definition, DomainState state)
        {
            lock (Sync)
            {
                if (state == DomainState.ShutOff)
                {
                    if (dom.IsActive) Stop(dom, "FromSnapshot");
                    dom.Definition = definition;
                    return;
                }
                if (dom.IsActive) dom.Definition = definition;
                else
                {
                    dom.Definition = definition;
                    dom.MarkStarted(_nextId++, DomainState.Running, "FromSnapshot");
                }
                dom.SetState(state, "FromSnapshot");
            }
        }

        public void Remove(TestDomain dom) { lock (Sync) _domains.Remove(dom); }

        public int NextId() { lock (Sync) return _nextId++; }

        /// <summary>libvirt's virDomainObjListAdd checks: a name belongs to one UUID and a UUID to one name.</summary>
        private TestDomain? CheckClash(DomainDefinition def, bool allowSameUuid)
        {
            var byUuid = _domains.FirstOrDefault(d => d.Uuid == def.Uuid);
            if (byUuid != null)
            {
                if (byUuid.Name != def.Name)
                    throw new LibvirtException(ErrorCode.OperationFailed, ErrorDomain.Test,
                        $"operation failed: domain '{byUuid.Name}' is already defined with uuid {def.Uuid:D}") { Target = def.Name };
                if (!allowSameUuid)
                    throw new LibvirtException(ErrorCode.OperationFailed, ErrorDomain.Test,
                        $"operation failed: domain '{def.Name}' already exists with uuid {def.Uuid:D}") { Target = def.Name };
                return byUuid;
            }
            var byName = _domains.FirstOrDefault(d => d.Name == def.Name);
            if (byName != null)
                throw new LibvirtException(ErrorCode.OperationFailed, ErrorDomain.Test,
                    $"operation failed: domain '{def.Name}' already exists with uuid {byName.Uuid:D}") { Target = def.Name };
            return null;
        }

        private static LibvirtException NotInState(string message, TestDomain dom) =>
            new LibvirtException(ErrorCode.InternalError, ErrorDomain.Test, "internal error: " + message) { Target = dom.Name };

        private static void RequireActive(TestDomain dom)
        {
            if (!dom.IsActive) throw LibvirtException.OperationInvalid("domain is not running", ErrorDomain.Domain, dom.Name);
        }
    }
}
