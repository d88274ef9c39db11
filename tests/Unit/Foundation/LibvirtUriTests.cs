using System;
using System.Linq;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Uris;
using Xunit;

namespace Libvirt.Tests.Unit.Foundation
{
    public class LibvirtUriTests
    {
        [Theory]
        [InlineData("qemu+ssh://root@host/system", "qemu", UriTransport.Ssh, UriTransport.Ssh)]
        [InlineData("qemu+tcp://host/system", "qemu", UriTransport.Tcp, UriTransport.Tcp)]
        [InlineData("qemu+unix:///system", "qemu", UriTransport.Unix, UriTransport.Unix)]
        [InlineData("qemu+tls://host/system", "qemu", UriTransport.Tls, UriTransport.Tls)]
        [InlineData("qemu+libssh://host/system", "qemu", UriTransport.Libssh, UriTransport.Libssh)]
        [InlineData("qemu+libssh2://host/system", "qemu", UriTransport.Libssh2, UriTransport.Libssh2)]
        [InlineData("qemu+ext://host/system?command=/bin/x", "qemu", UriTransport.Ext, UriTransport.Ext)]
        [InlineData("QEMU+SSH://host/system", "qemu", UriTransport.Ssh, UriTransport.Ssh)]
        [InlineData("qemu://host/system", "qemu", UriTransport.None, UriTransport.Tls)]
        [InlineData("qemu:///system", "qemu", UriTransport.None, UriTransport.Unix)]
        [InlineData("test:///default", "test", UriTransport.None, UriTransport.Unix)]
        [InlineData("lxc:///", "lxc", UriTransport.None, UriTransport.Unix)]
        public void Driver_and_transport(string text, string driver, UriTransport explicitTransport, UriTransport transport)
        {
            var uri = LibvirtUri.Parse(text);
            Assert.Equal(driver, uri.Driver);
            Assert.Equal(explicitTransport, uri.ExplicitTransport);
            Assert.Equal(transport, uri.Transport);
            Assert.Equal(text, uri.OriginalString);
        }

        [Fact]
        public void User_host_port_and_path()
        {
            var uri = LibvirtUri.Parse("qemu+ssh://admin@kvm1.example.com:2222/system");
            Assert.Equal("admin", uri.User);
            Assert.Equal("kvm1.example.com", uri.Host);
            Assert.Equal(2222, uri.Port);
            Assert.Equal("/system", uri.Path);
            Assert.Null(uri.Fragment);
            Assert.Empty(uri.Query);
        }

        [Fact]
        public void No_user_no_port_gives_nulls()
        {
            var uri = LibvirtUri.Parse("qemu://kvm1/system");
            Assert.Null(uri.User);
            Assert.Null(uri.Port);
            Assert.Equal("kvm1", uri.Host);
        }

        [Theory]
        [InlineData("qemu+tls://[::1]:16514/system", "::1", 16514)]
        [InlineData("qemu://[fe80::1:2]/system", "fe80::1:2", null)]
        [InlineData("qemu+ssh://root@[2001:db8::5]:22/system", "2001:db8::5", 22)]
        public void Ipv6_in_brackets(string text, string host, int? port)
        {
            var uri = LibvirtUri.Parse(text);
            Assert.Equal(host, uri.Host);
            Assert.Equal(port, uri.Port);
            Assert.Equal("/system", uri.Path);
        }

        [Fact]
        public void Test_uris_are_embedded_only_without_transport_or_host()
        {
            Assert.True(LibvirtUri.Parse("test:///default").IsEmbeddedTest);
            Assert.True(LibvirtUri.Parse("test:///tmp/node.xml").IsEmbeddedTest);
            Assert.False(LibvirtUri.Parse("test+tcp://host/default").IsEmbeddedTest);
            Assert.False(LibvirtUri.Parse("test://host/default").IsEmbeddedTest);
            Assert.False(LibvirtUri.Parse("qemu:///system").IsEmbeddedTest);
            Assert.Equal("/tmp/node.xml", LibvirtUri.Parse("test:///tmp/node.xml").Path);
        }

        [Fact]
        public void Query_parameters_in_order_with_percent_escapes()
        {
            var uri = LibvirtUri.Parse("qemu+ssh://h/system?keyfile=/home/u/.ssh/id%20rsa&no_verify=1;mode=legacy&extra=a%26b%3Dc");
            Assert.Equal(new[] { "keyfile", "no_verify", "mode", "extra" }, uri.Query.Select(q => q.Name).ToArray());
            Assert.Equal("/home/u/.ssh/id rsa", uri.GetQueryValue("keyfile"));
            Assert.Equal("a&b=c", uri.GetQueryValue("extra"));
            Assert.Equal("legacy", uri.GetQueryValue("MODE"));
            Assert.True(uri.GetQueryFlag("no_verify"));
            Assert.False(uri.GetQueryFlag("no_tty"));
        }

        [Fact]
        public void Query_percent_escapes_decode_as_utf8()
        {
            var uri = LibvirtUri.Parse("qemu:///system?label=caf%C3%A9");
            Assert.Equal("café", uri.GetQueryValue("label"));
        }

        [Fact]
        public void Query_plus_is_kept_literally_as_libvirt_does()
        {
            // libvirt's virURIParseParams unescapes %XX only; '+' is not a space (keyfile paths may contain '+').
            var uri = LibvirtUri.Parse("qemu+ssh://h/system?keyfile=/keys/a+b&x=1%2B1");
            Assert.Equal("/keys/a+b", uri.GetQueryValue("keyfile"));
            Assert.Equal("1+1", uri.GetQueryValue("x"));
        }

        [Fact]
        public void Query_name_without_value_is_empty_and_empty_sections_are_skipped()
        {
            var uri = LibvirtUri.Parse("qemu:///system?no_tty&&foo=");
            Assert.Equal(2, uri.Query.Count);
            Assert.Equal("", uri.GetQueryValue("no_tty"));
            Assert.Equal("", uri.GetQueryValue("foo"));
            Assert.True(uri.GetQueryFlag("no_tty") == false || uri.GetQueryValue("no_tty") == "");
        }

        [Theory]
        [InlineData("qemu:///system", "qemu:///system")]
        [InlineData("qemu+ssh://root@host:22/system", "qemu:///system")]
        [InlineData("qemu+tls://[::1]/session", "qemu:///session")]
        [InlineData("qemu+ssh://host/system?keyfile=/k&socket=/s&no_verify=1&pkipath=/p&known_hosts=/kh&no_tty=1&sshauth=agent", "qemu:///system")]
        [InlineData("qemu+ssh://host/system?keyfile=/k&foo=bar", "qemu:///system?foo=bar")]
        [InlineData("test+tcp://host/default#frag", "test:///default#frag")]
        public void Server_name_strips_transport_host_and_client_parameters(string text, string expected)
        {
            Assert.Equal(expected, LibvirtUri.Parse(text).ToServerName());
        }

        [Fact]
        public void Server_name_override_by_name_parameter()
        {
            Assert.Equal("qemu:///system", LibvirtUri.Parse("remote+ssh://host/?name=qemu:///system").ToServerName());
            Assert.Equal("xen:///", LibvirtUri.Parse("qemu+ssh://host/system?name=xen%3A%2F%2F%2F&keyfile=/k").ToServerName());
        }

        [Fact]
        public void Remote_driver_sends_empty_name()
        {
            Assert.Equal("", LibvirtUri.Parse("remote+ssh://host/").ToServerName());
            Assert.Equal("", LibvirtUri.Parse("remote://host/system?socket=/x").ToServerName());
        }

        [Fact]
        public void Client_only_parameter_list_has_the_known_names()
        {
            foreach (var n in new[] { "name", "command", "socket", "auth", "netcat", "keyfile", "pkipath", "known_hosts", "no_verify", "no_tty", "sshauth", "mode", "proxy", "tls_priority" })
                Assert.Contains(n, LibvirtUri.ClientOnlyParameters);
        }

        [Theory]
        [InlineData("")]
        [InlineData("   ")]
        [InlineData(null)]
        [InlineData("default")]
        [InlineData("test:/default")]
        [InlineData("://host/system")]
        [InlineData("qemu+bogus://host/system")]
        [InlineData("qe mu:///system")]
        [InlineData("qemu://host:0/system")]
        [InlineData("qemu://host:65536/system")]
        [InlineData("qemu://host:abc/system")]
        [InlineData("qemu://[::1/system")]
        [InlineData("qemu://[::1]x/system")]
        [InlineData("qemu://@host/system")]
        [InlineData("qemu://:22/system")]
        [InlineData("qemu://user@/system")]
        [InlineData("qemu:///system?x=%zz")]
        [InlineData("qemu:///system?x=%4")]
        [InlineData("qemu:///sys%2")]
        public void Malformed_uris_are_invalid_arg_in_uri_domain(string? text)
        {
            var ex = Assert.Throws<LibvirtException>(() => LibvirtUri.Parse(text));
            Assert.Equal(ErrorCode.InvalidArg, ex.Code);
            Assert.Equal(ErrorDomain.Uri, ex.Domain);
            Assert.False(string.IsNullOrWhiteSpace(ex.Message));
            Assert.False(LibvirtUri.TryParse(text, out var parsed));
            Assert.Null(parsed);
        }

        [Fact]
        public void Malformed_uri_message_names_the_uri()
        {
            var ex = Assert.Throws<LibvirtException>(() => LibvirtUri.Parse("qemu+bogus://host/system"));
            Assert.Contains("qemu+bogus://host/system", ex.Message);
            Assert.Contains("bogus", ex.Message);
            Assert.Equal("qemu+bogus://host/system", ex.Target);
        }

        [Fact]
        public void TryParse_succeeds_for_good_uri()
        {
            Assert.True(LibvirtUri.TryParse("test:///default", out var uri));
            Assert.Equal("/default", uri!.Path);
        }

        [Fact]
        public void Fragment_and_user_escapes()
        {
            var uri = LibvirtUri.Parse("qemu+ssh://jo%40corp@host/system#x");
            Assert.Equal("jo@corp", uri.User);
            Assert.Equal("x", uri.Fragment);
        }
    }
}
