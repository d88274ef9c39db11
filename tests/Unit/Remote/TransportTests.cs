using System.Collections.Generic;
using Libvirt.Drivers.Remote.Transport;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Uris;
using Xunit;

namespace Libvirt.Tests.Unit.Remote
{
    public sealed class TransportTests
    {
        private static string Resolve(string uri, bool readOnly = false, ISet<string>? existing = null, string? xdgRuntime = "/run/user/1000") =>
            new UnixSocketPath(p => existing?.Contains(p) == true, name => name == "XDG_RUNTIME_DIR" ? xdgRuntime : name == "HOME" ? "/home/u" : null)
                .Resolve(LibvirtUri.Parse(uri), readOnly);

        [Fact]
        public void Socket_parameter_wins() =>
            Assert.Equal("/tmp/x/libvirt-sock", Resolve("qemu+unix:///system?socket=/tmp/x/libvirt-sock", readOnly: true));

        [Fact]
        public void System_socket_is_the_legacy_one_without_a_modular_daemon()
        {
            Assert.Equal("/var/run/libvirt/libvirt-sock", Resolve("qemu:///system"));
            Assert.Equal("/var/run/libvirt/libvirt-sock-ro", Resolve("qemu:///system", readOnly: true));
        }

        [Fact]
        public void Modular_daemon_socket_is_preferred_when_present()
        {
            var present = new HashSet<string> { "/var/run/libvirt/virtqemud-sock", "/var/run/libvirt/virtqemud-sock-ro" };
            Assert.Equal("/var/run/libvirt/virtqemud-sock", Resolve("qemu:///system", existing: present));
            Assert.Equal("/var/run/libvirt/virtqemud-sock-ro", Resolve("qemu+unix:///system", readOnly: true, existing: present));
            Assert.Equal("/var/run/libvirt/libvirt-sock", Resolve("qemu:///system?mode=legacy", existing: present));
            Assert.Equal("/var/run/libvirt/virtqemud-sock", Resolve("qemu:///system?mode=direct"));
        }

        [Fact]
        public void Session_uses_the_per_user_runtime_directory()
        {
            Assert.Equal("/run/user/1000/libvirt/libvirt-sock", Resolve("qemu:///session"));
            Assert.Equal("/run/user/1000/libvirt/virtqemud-sock",
                Resolve("qemu:///session", existing: new HashSet<string> { "/run/user/1000/libvirt/virtqemud-sock" }));
            Assert.Equal("/home/u/.cache/libvirt/libvirt-sock", Resolve("qemu:///session", xdgRuntime: null));
        }

        [Theory]
        [InlineData("qemu:///system?mode=bogus")]
        [InlineData("test+unix:///default?socket=/tmp/x/libvirt-sock&mode=bogus")] // libvirt checks mode even with socket=
        public void Unknown_mode_is_libvirts_invalid_argument(string uri)
        {
            var e = Assert.Throws<LibvirtException>(() => Resolve(uri));
            Assert.Equal(ErrorCode.InvalidArg, e.Code);
            Assert.Equal(ErrorDomain.Remote, e.Domain);
            Assert.StartsWith("invalid argument: Unknown remote mode 'bogus'", e.Message);
        }

        [Fact]
        public void Empty_socket_parameter_fails_like_libvirt_instead_of_meaning_the_default_socket()
        {
            var e = Assert.Throws<LibvirtException>(() => Resolve("qemu+unix:///system?socket=", existing: new HashSet<string> { "/var/run/libvirt/libvirt-sock" }));
            Assert.Equal(ErrorCode.SystemError, e.Code);
            Assert.Equal(ErrorDomain.Rpc, e.Domain);
            Assert.Equal("Failed to connect socket to '': Connection refused", e.Message);
        }

        [Theory]
        [InlineData("qemu+ext:///system?command=/bin/x", "ext")]
        public void The_ext_transport_says_clearly_it_is_not_supported_yet(string uri, string transport)
        {
            var e = Assert.Throws<LibvirtException>(() => TransportFactory.Create(LibvirtUri.Parse(uri), new ConnectOptions()));
            Assert.Equal(ErrorCode.NoSupport, e.Code);
            Assert.Contains($"'{transport}' transport", e.Message);
        }

        [Fact]
        public void Unix_endpoint_serializes_a_sockaddr_un()
        {
            var address = new UnixSocketEndPoint("/tmp/s").Serialize();
            Assert.Equal(System.Net.Sockets.AddressFamily.Unix, address.Family);
            Assert.Equal(2 + 6 + 1, address.Size);
            Assert.Equal((byte)'/', address[2]);
            Assert.Equal((byte)'s', address[7]);
            Assert.Equal(0, address[8]);
        }

        [Fact]
        public void Missing_socket_fails_with_the_path_in_the_message()
        {
            var e = Assert.Throws<LibvirtException>(() =>
                new UnixSocketTransport("/nonexistent/dir/libvirt-sock", System.TimeSpan.FromSeconds(2)).ConnectAsync(default).GetAwaiter().GetResult());
            Assert.Equal(ErrorCode.SystemError, e.Code);
            Assert.Contains("/nonexistent/dir/libvirt-sock", e.Message);
        }
    }
}
