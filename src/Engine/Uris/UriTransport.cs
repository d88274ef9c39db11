namespace Libvirt.Engine.Uris
{
    /// <summary>How the client reaches a daemon: the part after '+' in the URI scheme.</summary>
    public enum UriTransport
    {
        /// <summary>No transport and no host: a local, embedded driver (test:///default) or the local daemon.</summary>
        None,
        Unix,
        Tls,
        Tcp,
        Ssh,
        Libssh,
        Libssh2,
        Ext,
    }
}
