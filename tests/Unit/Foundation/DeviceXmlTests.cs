using System;
using System.Linq;
using Libvirt.Engine.Devices;
using Xunit;

namespace Libvirt.Tests.Unit.Foundation
{
    /// <summary>Device XML built from typed values, devices read back from domain XML, and the value rules.</summary>
    public sealed class DeviceXmlTests
    {
        private const string Domain = @"<domain type='kvm'><name>d</name><devices>
  <disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='/img/a.qcow2'/><target dev='vda' bus='virtio'/><alias name='virtio-disk0'/></disk>
  <disk type='volume' device='disk'><source pool='p' volume='v'/><target dev='vdc' bus='virtio'/><readonly/></disk>
  <disk type='file' device='cdrom'><target dev='hdc' bus='ide'/><readonly/></disk>
  <interface type='network'><mac address='52:54:00:00:00:01'/><source network='default' bridge='virbr0'/><target dev='vnet0'/><model type='virtio'/><link state='down'/></interface>
  <interface type='bridge'><mac address='52:54:00:00:00:02'/><source bridge='br0'/></interface>
</devices></domain>";

        [Fact]
        public void Reads_disks_as_domblklist_shows_them()
        {
            var disks = DomainDevices.Parse(Domain).Disks("d");
            Assert.Equal(new[] { "vda", "vdc", "hdc" }, disks.Select(d => d.Target));
            Assert.Equal(("/img/a.qcow2", "qcow2", "virtio-disk0"), (disks[0].Source, disks[0].Format, disks[0].Alias));
            Assert.Equal("p/v", disks[1].Source);
            Assert.True(disks[1].ReadOnly);
            Assert.True(disks[2].IsEmpty);
            Assert.Equal("cdrom", disks[2].Device);
        }

        [Fact]
        public void Reads_interfaces_with_link_state()
        {
            var nics = DomainDevices.Parse(Domain).Interfaces("d");
            Assert.Equal(("default", "virbr0", "vnet0", "virtio", false), (nics[0].Network, nics[0].Bridge, nics[0].HostInterface, nics[0].Model, nics[0].Connected));
            Assert.Equal(("bridge", (string?)null, "br0", true), (nics[1].Type, nics[1].Network, nics[1].Bridge, nics[1].Connected));
        }

        [Fact]
        public void Finds_a_disk_by_target_or_source_and_an_interface_by_mac_in_any_case()
        {
            var d = DomainDevices.Parse(Domain);
            Assert.Equal("vda", DomainDevices.Target(d.FindDisk("/img/a.qcow2")!));
            Assert.NotNull(d.FindDisk("vdc"));
            Assert.Null(d.FindDisk("vdz"));
            Assert.NotNull(d.FindInterface("52:54:00:00:00:0"  + "2"));
            Assert.NotNull(d.FindInterface("52:54:00:00:00:01".ToUpperInvariant()));
        }

        [Fact]
        public void Refuses_a_domain_xml_with_a_dtd()
        {
            var e = Assert.Throws<Libvirt.Engine.Errors.LibvirtException>(() => DomainDevices.Parse("<!DOCTYPE d [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><domain>&x;</domain>"));
            Assert.Equal(Libvirt.Engine.Errors.ErrorCode.XmlError, e.Code);
        }

        [Fact]
        public void Builds_a_file_disk()
        {
            var x = DeviceXml.Disk("/img/b.qcow2", "sdb", "scsi", "qcow2", readOnly: true).ToString(System.Xml.Linq.SaveOptions.DisableFormatting);
            Assert.Equal("<disk type=\"file\" device=\"disk\"><driver name=\"qemu\" type=\"qcow2\" /><source file=\"/img/b.qcow2\" /><target dev=\"sdb\" bus=\"scsi\" /><readonly /></disk>", x);
        }

        [Theory]
        [InlineData("img.qcow2", "sdb", "scsi", null, "path")]
        [InlineData("/img/x", "sdb", "floppy", null, "bus")]
        [InlineData("/img/x", "sdb", "scsi", "iso", "format")]
        [InlineData("/img/x", "disk1", "scsi", null, "target")]
        public void Refuses_bad_disk_values_naming_the_parameter(string path, string target, string bus, string? format, string parameter)
        {
            var e = Assert.ThrowsAny<ArgumentException>(() => DeviceXml.Disk(path, target, bus, format, false));
            Assert.Equal(parameter, e.ParamName);
        }

        [Fact]
        public void Builds_interfaces_and_link_changes()
        {
            var n = DeviceXml.Interface("default", null, "52-54-00-AB-CD-EF", "e1000", connected: false);
            Assert.Equal("<interface type=\"network\"><mac address=\"52:54:00:ab:cd:ef\" /><source network=\"default\" /><model type=\"e1000\" /><link state=\"down\" /></interface>", n.ToString(System.Xml.Linq.SaveOptions.DisableFormatting));
            var up = DeviceXml.WithLinkState(n, true);
            Assert.Equal("up", (string?)up.Element("link")!.Attribute("state"));
            Assert.Single(up.Elements("link"));
            Assert.Throws<ArgumentException>(() => DeviceXml.Interface(null, null, "52:54:00:00:00:01", null, true));
            Assert.Throws<ArgumentException>(() => DeviceXml.Interface("a", "b", "52:54:00:00:00:01", null, true));
        }

        [Fact]
        public void Changes_cd_media_keeping_the_drive()
        {
            var cd = DomainDevices.Parse(Domain).DiskElements.Last();
            var inserted = DeviceXml.CdromMedia(cd, "/iso/a.iso");
            Assert.Equal("/iso/a.iso", DomainDevices.SourceOf(inserted));
            Assert.Equal("hdc", DomainDevices.Target(inserted));
            Assert.Null(DomainDevices.SourceOf(DeviceXml.CdromMedia(inserted, null)));
            Assert.Throws<ArgumentException>(() => DeviceXml.CdromMedia(cd, "a.iso"));
        }

        [Theory]
        [InlineData(new string[0], "virtio", "vda")]
        [InlineData(new[] { "vda", "vdb" }, "virtio", "vdc")]
        [InlineData(new[] { "vda", "sda" }, "scsi", "sdb")]
        [InlineData(new[] { "hdc" }, "ide", "hda")]
        public void Picks_the_next_free_target(string[] used, string bus, string expected) => Assert.Equal(expected, DiskTargets.NextFree(used, bus));

        [Fact]
        public void Target_names_go_on_after_z()
        {
            Assert.Equal(("a", "z", "aa", "az", "ba"), (DiskTargets.Suffix(0), DiskTargets.Suffix(25), DiskTargets.Suffix(26), DiskTargets.Suffix(51), DiskTargets.Suffix(52)));
        }

        [Fact]
        public void Generates_unused_unicast_macs_in_qemus_range()
        {
            for (var i = 0; i < 100; i++)
            {
                var m = MacAddress.Generate(new[] { "52:54:00:00:00:01" });
                Assert.Matches("^52:54:00(:[0-9a-f]{2}){3}$", m);
                Assert.Equal(m, MacAddress.Normalize(m));
            }
            Assert.Throws<ArgumentException>(() => MacAddress.Normalize("01:00:5e:00:00:01"));
            Assert.Throws<ArgumentException>(() => MacAddress.Normalize("52:54:00:00:00"));
            Assert.Equal("52:54:00:0a:0b:0c", MacAddress.Normalize("5254000A0B0C"));
        }

        [Theory]
        [InlineData("1073741824", 1073741824UL)]
        [InlineData("20G", 21474836480UL)]
        [InlineData("20GiB", 21474836480UL)]
        [InlineData("20GB", 20000000000UL)]
        [InlineData("512M", 536870912UL)]
        [InlineData("1 TiB", 1099511627776UL)]
        [InlineData("4k", 4096UL)]
        public void Parses_sizes_as_virsh_and_powershell(string text, ulong bytes) => Assert.Equal(bytes, ByteSize.Parse(text));

        [Theory]
        [InlineData("")]
        [InlineData("-1G")]
        [InlineData("2X")]
        [InlineData("1.5G")]
        [InlineData("99999999999999999999E")]
        public void Refuses_sizes_that_are_not(string text) => Assert.Throws<ArgumentException>(() => ByteSize.Parse(text));

        [Fact]
        public void Reads_the_image_format_from_the_header()
        {
            var path = System.IO.Path.GetTempFileName();
            try
            {
                System.IO.File.WriteAllBytes(path, new byte[] { 0x51, 0x46, 0x49, 0xfb, 0, 0, 0, 3 });
                Assert.Equal("qcow2", ImageFormat.Guess(path));
                System.IO.File.WriteAllBytes(path, new byte[16]);
                Assert.Equal("raw", ImageFormat.Guess(path));
            }
            finally { System.IO.File.Delete(path); }
            Assert.Equal("qcow2", ImageFormat.Guess("/nowhere/x.QCOW2"));
            Assert.Equal("raw", ImageFormat.Guess("/nowhere/x.img"));
        }
    }
}
