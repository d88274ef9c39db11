namespace Libvirt.Engine.Model
{
    /// <summary>libvirt's virDomainState, with libvirt's values.</summary>
    public enum DomainState
    {
        NoState = 0,
        Running = 1,
        Blocked = 2,
        Paused = 3,
        /// <summary>Being shut down (VIR_DOMAIN_SHUTDOWN).</summary>
        ShuttingDown = 4,
        ShutOff = 5,
        Crashed = 6,
        PMSuspended = 7,
    }
}
