using System;
using System.Net;

namespace Libvirt.Engine.Drivers
{
    /// <summary>How to open a connection, beyond what the URI says.</summary>
    public sealed class ConnectOptions
    {
        public bool ReadOnly { get; set; }

        /// <summary>User name and password for transports that ask for them (SASL, libssh). Never logged.</summary>
        public NetworkCredential? Credential { get; set; }

        /// <summary>Keepalive probe interval; zero turns keepalive off.</summary>
        public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>How many unanswered keepalive probes mean the peer is dead.</summary>
        public int KeepAliveCount { get; set; } = 5;

        /// <summary>
        /// How long the connect phase may take: the transport's connect and the handshake's calls (AUTH_LIST,
        /// keepalive probe, CONNECT_OPEN). A peer that accepts and never answers fails after this; zero waits forever.
        /// </summary>
        public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>Receives warnings the user should see (for example, certificate checks turned off).</summary>
        public Action<string>? Warning { get; set; }

        /// <summary>Receives diagnostic text; never given credentials or key material.</summary>
        public Action<string>? Verbose { get; set; }
    }
}
