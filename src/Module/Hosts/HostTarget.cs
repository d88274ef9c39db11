using System;
using Libvirt.Engine.Connections;

namespace Libvirt.PowerShell.Hosts
{
    /// <summary>A connection a cmdlet works on, and whether the cmdlet opened it only for this call.</summary>
    internal sealed class HostTarget : IDisposable
    {
        public HostTarget(VMHostConnection connection, bool owned) { Connection = connection; Owned = owned; }

        public VMHostConnection Connection { get; }

        /// <summary>True when the cmdlet opened it and must close it when done.</summary>
        public bool Owned { get; }

        public void Dispose()
        {
            if (Owned) Connection.Dispose();
        }
    }
}
