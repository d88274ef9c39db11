using System;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Libvirt.Drivers.Remote.Transport
{
    /// <summary>
    /// An AF_UNIX address for netstandard2.0, which lacks UnixDomainSocketEndPoint. Socket.Connect calls
    /// Serialize() to get the raw sockaddr_un: the family (1, filled in by SocketAddress) followed by the
    /// path bytes and a terminating NUL.
    /// </summary>
    internal sealed class UnixSocketEndPoint : EndPoint
    {
        /// <summary>sizeof(sun_path) on Linux, including the terminating NUL.</summary>
        private const int MaxPathBytes = 108;
        private const int FamilyBytes = 2;

        public UnixSocketEndPoint(string path)
        {
            if (string.IsNullOrEmpty(path)) throw new ArgumentException("A unix socket path is required.", nameof(path));
            if (Encoding.UTF8.GetByteCount(path) >= MaxPathBytes)
                throw new ArgumentException($"Unix socket path '{path}' is longer than the {MaxPathBytes - 1} bytes the system allows.", nameof(path));
            Path = path;
        }

        public string Path { get; }

        public override AddressFamily AddressFamily => AddressFamily.Unix;

        public override SocketAddress Serialize()
        {
            var bytes = Encoding.UTF8.GetBytes(Path);
            var address = new SocketAddress(AddressFamily.Unix, FamilyBytes + bytes.Length + 1);
            for (var i = 0; i < bytes.Length; i++) address[FamilyBytes + i] = bytes[i];
            address[FamilyBytes + bytes.Length] = 0;
            return address;
        }

        public override EndPoint Create(SocketAddress socketAddress)
        {
            // The peer of a connected unix socket is often unnamed; keep our own path then.
            var length = socketAddress.Size - FamilyBytes;
            var bytes = new byte[Math.Max(0, length)];
            for (var i = 0; i < bytes.Length; i++) bytes[i] = socketAddress[FamilyBytes + i];
            var end = Array.IndexOf(bytes, (byte)0);
            var path = Encoding.UTF8.GetString(bytes, 0, end < 0 ? bytes.Length : end);
            return path.Length == 0 ? this : new UnixSocketEndPoint(path);
        }

        public override string ToString() => Path;
    }
}
