using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Libvirt.Engine.Connections;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Events
{
    /// <summary>
    /// The hosts an event command listens to, as connections that outlive the command when needed: the
    /// session's own connections, or ones opened for the subscription alone (a -Uri the session is not connected to).
    /// </summary>
    internal static class EventHosts
    {
        public static List<(VMHostConnection Connection, bool Owned)> Resolve(LibvirtCmdlet cmdlet, string[]? uris, VMHostConnection[]? connections,
            IEnumerable<VMDomain> domains, CancellationToken cancellationToken)
        {
            var wanted = new List<string>();
            var result = new List<(VMHostConnection, bool)>();
            var fromDomains = domains.Select(d => d.Uri).Distinct().ToList();
            if (fromDomains.Count > 0) wanted.AddRange(fromDomains);
            else if (connections != null && connections.Length > 0)
            {
                foreach (var c in connections) result.Add((ConnectionSet.Heal(c, cancellationToken), false));
                return result;
            }
            else if (uris != null && uris.Length > 0) wanted.AddRange(uris);
            else
            {
                foreach (var target in cmdlet.Hosts.Resolve(null, null, cancellationToken))
                {
                    if (target.Owned) wanted.Add(target.Connection.Uri);
                    else result.Add((target.Connection, false));
                }
            }
            foreach (var uri in wanted.Distinct())
            {
                var session = SessionHosts.Current.Find(uri);
                if (session != null) result.Add((ConnectionSet.Heal(session, cancellationToken), false));
                else result.Add((SessionHosts.Current.Open(uri, new ConnectOptions(), cancellationToken), true));
            }
            return result;
        }
    }
}
