using System.IO;
using System.Management.Automation;
using Libvirt.Engine.Connections;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell
{
    /// <summary>
    /// Base of New- for an object kind: defines an object from libvirt XML (text or a file), and optionally
    /// starts it, on every host named by -Uri or -Connection, but never on several session hosts that were not
    /// named. The kind's cmdlet only says how to read the object's name from its XML (for -WhatIf and -Confirm),
    /// refusing there what must never reach a host; the host itself judges the XML.
    /// </summary>
    public abstract class NewObjectCmdlet<TObject, TIdentity> : KindCmdlet<TObject, TIdentity> where TObject : class, ILibvirtObject
    {
        protected const string XmlSet = "Xml";
        protected const string PathSet = "Path";

        private protected NewObjectCmdlet(ObjectKind<TObject, TIdentity> kind) : base(kind) { }

        [Parameter(ParameterSetName = XmlSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        public string Xml { get; set; } = "";

        [Parameter(ParameterSetName = PathSet, Mandatory = true)]
        [Alias("FilePath")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>Start the object once it is defined.</summary>
        [Parameter]
        public SwitchParameter Start { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Uri { get; set; }

        [Parameter]
        [ValidateNotNull]
        public VMHostConnection[]? Connection { get; set; }

        /// <summary>The XML of a parameter set of the kind's own (typed parameters instead of XML); null for the base's sets.</summary>
        private protected virtual string? XmlFromOwnSet() => null;

        /// <summary>What the kind does once an object is defined, before -Start (build a pool, set autostart); true when the object changed.</summary>
        private protected virtual bool AfterDefine(HostTarget host, TObject item) => false;

        /// <summary>The object's name in its XML; throws for XML that must never reach a host.</summary>
        private protected abstract string NameIn(string xml);

        protected override void ProcessRecord()
        {
            Try(ParameterSetName == PathSet ? Path : null, () =>
            {
                var xml = ParameterSetName == PathSet ? File.ReadAllText(GetUnresolvedProviderPathFromPSPath(Path))
                    : XmlFromOwnSet() ?? Xml;
                var name = NameIn(xml);
                foreach (var host in Hosts.ResolveForCreate(Uri, Connection, Cancellation))
                {
                    var target = $"{name} on {host.Connection.Hostname} ({host.Connection.Uri})";
                    if (!ShouldProcess(target, Start ? "Define and start" : "Define")) continue;
                    Try(name, () =>
                    {
                        var objects = Kind.DriverOf(host.Connection.Driver);
                        var item = Await(ct => objects.DefineAsync(xml, ct));
                        var changed = AfterDefine(host, item);
                        if (Start)
                        {
                            var identity = IdentityOf(item);
                            Await(ct => Kind.LifecycleOf(host.Connection.Driver).StartAsync(identity, ct));
                        }
                        if (Start || changed) item = Await(ct => objects.GetAsync(IdentityOf(item), ct));
                        WriteObject(item);
                    });
                }
            });
        }
    }
}
