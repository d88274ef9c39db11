using System;

namespace Libvirt.PowerShell.Events
{
    /// <summary>Wait-VMDomain's condition did not come true within -TimeoutSec (error id WaitTimeout).</summary>
    internal sealed class WaitTimeoutException : TimeoutException
    {
        public WaitTimeoutException(string message) : base(message) { }
    }
}
