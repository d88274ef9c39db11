using System;
using System.IO;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Model;
using Libvirt.Engine.Xml;
using Xunit;

namespace Libvirt.Tests.Unit.Foundation
{
    public class DomainXmlTests
    {
        internal static string Xml(string name, string? uuid = null, string memory = "<memory unit='MiB'>512</memory>", string extra = "<vcpu>2</vcpu>") =>
            $"<domain type='test'><name>{name}</name>{(uuid == null ? "" : $"<uuid>{uuid}</uuid>")}{memory}{extra}<os><type>hvm</type></os></domain>";

        [Fact]
        public void Parses_name_type_uuid_memory_and_vcpus()
        {
            var def = DomainDefinition.Parse(Xml("vm1", "11111111-2222-3333-4444-555555555555", "<memory unit='MiB'>512</memory><currentMemory unit='MiB'>256</currentMemory>", "<vcpu current='2'>4</vcpu>"));
            Assert.Equal("test", def.Type);
            Assert.Equal("vm1", def.Name);
            Assert.Equal(Guid.Parse("11111111-2222-3333-4444-555555555555"), def.Uuid);
            Assert.Equal(512UL * 1024, def.MemoryKiB);
            Assert.Equal(256UL * 1024, def.CurrentMemoryKiB);
            Assert.Equal(2, def.VCpus);
        }

        [Fact]
        public void Defaults_current_memory_to_memory_and_vcpus_to_one()
        {
            var def = DomainDefinition.Parse("<domain type='test'><name>x</name><memory>2048</memory><os><type>hvm</type></os></domain>");
            Assert.Equal(2048UL, def.MemoryKiB);
            Assert.Equal(2048UL, def.CurrentMemoryKiB);
            Assert.Equal(1, def.VCpus);
        }

        [Fact]
        public void Missing_uuid_is_generated_and_written_into_the_xml()
        {
            var a = DomainDefinition.Parse(Xml("vm1"));
            var b = DomainDefinition.Parse(Xml("vm1"));
            Assert.NotEqual(Guid.Empty, a.Uuid);
            Assert.NotEqual(a.Uuid, b.Uuid);
            Assert.Contains(a.Uuid.ToString("D"), a.ToXml(null));
            // The generated UUID is part of the definition: parsing it back keeps it.
            Assert.Equal(a.Uuid, DomainDefinition.Parse(a.ToXml(null)).Uuid);
        }

        [Fact]
        public void Missing_name_is_no_name_error()
        {
            var ex = Assert.Throws<LibvirtException>(() => DomainDefinition.Parse("<domain type='test'><memory>1024</memory><os><type>hvm</type></os></domain>"));
            Assert.Equal(ErrorCode.NoName, ex.Code);
            ex = Assert.Throws<LibvirtException>(() => DomainDefinition.Parse("<domain type='test'><name>  </name><memory>1024</memory><os><type>hvm</type></os></domain>"));
            Assert.Equal(ErrorCode.NoName, ex.Code);
        }

        [Theory]
        [InlineData("<vm type='test'><name>x</name><memory>1</memory></vm>")]
        [InlineData("<domain type='test'><name>x</name><os><type>hvm</type></os></domain>")]
        [InlineData("<domain type='test'><name>x</name><uuid>not-a-uuid</uuid><memory>1</memory><os><type>hvm</type></os></domain>")]
        [InlineData("<domain type='test'><name>a/b</name><memory>1</memory><os><type>hvm</type></os></domain>")]
        [InlineData("<domain type='test'><name>x</name><memory>1</memory><vcpu>0</vcpu><os><type>hvm</type></os></domain>")]
        [InlineData("<domain type='test'><name>x</name><memory>1</memory><vcpu>two</vcpu><os><type>hvm</type></os></domain>")]
        [InlineData("<domain type='test'><name>x</name><memory>-5</memory><os><type>hvm</type></os></domain>")]
        [InlineData("<domain type='test'><name>x</name><memory>1</memory></domain>")]
        public void Bad_definitions_are_xml_errors(string xml)
        {
            var ex = Assert.Throws<LibvirtException>(() => DomainDefinition.Parse(xml));
            Assert.Equal(ErrorCode.XmlError, ex.Code);
        }

        // The codes and texts of libvirt 9.0's parser (python3-libvirt defineXML on test:///default).
        [Theory]
        [InlineData("<domain type='test'><name>x</name>", ErrorCode.XmlDetail, "")]
        [InlineData("not xml at all", ErrorCode.XmlDetail, "")]
        [InlineData("<domain><name>x</name><memory>1</memory><os><type>hvm</type></os></domain>", ErrorCode.InternalError, "internal error: missing domain type attribute")]
        [InlineData("<domain type='foo'><name>x</name><memory>1</memory><os><type>hvm</type></os></domain>", ErrorCode.ConfigUnsupported, "unsupported configuration: invalid domain type foo")]
        [InlineData("<domain type='test'><memory>1</memory><os><type>hvm</type></os></domain>", ErrorCode.NoName, "missing name information")]
        [InlineData("<domain type='test'><name>x</name><os><type>hvm</type></os></domain>", ErrorCode.XmlError, "XML error: Memory size must be specified via <memory> or in the <numa> configuration")]
        [InlineData("<domain type='test'><name>x</name><memory>1</memory></domain>", ErrorCode.XmlError, "XML error: an os <type> must be specified")]
        [InlineData("<domain type='test'><name>x</name><memory unit='parsec'>5</memory><os><type>hvm</type></os></domain>", ErrorCode.InvalidArg, "invalid argument: unknown suffix 'parsec'")]
        public void Bad_definitions_fail_as_libvirt_fails(string xml, ErrorCode code, string message)
        {
            var ex = Assert.Throws<LibvirtException>(() => DomainDefinition.Parse(xml));
            Assert.Equal(code, ex.Code);
            if (message.Length > 0) Assert.Equal(message, ex.Message);
        }

        [Fact]
        public void Valid_definitions_libvirt_takes_are_taken_lowercase_units_and_memory_from_numa_cells()
        {
            Assert.Equal(256UL * 1024, DomainDefinition.Parse("<domain type='kvm'><name>k</name><memory unit='mib'>256</memory><os><type>hvm</type></os></domain>").MemoryKiB);
            var numa = DomainDefinition.Parse("<domain type='test'><name>n</name><vcpu>4</vcpu><os><type>hvm</type></os><cpu><numa>" +
                "<cell id='0' cpus='0-1' memory='512' unit='MiB'/><cell id='1' cpus='2-3' memory='256' unit='MiB'/></numa></cpu></domain>");
            Assert.Equal(786432UL, numa.MemoryKiB);
            Assert.Equal(786432UL, numa.CurrentMemoryKiB);
            Assert.Equal(1000UL * 1000 / 1024, MemorySize.ToKiB("1", "mb", "memory"));
            Assert.Equal(1024UL * 1024 * 1024, MemorySize.ToKiB("1", "tib", "memory"));
        }

        [Theory]
        [InlineData("1024", null, 1024UL)]
        [InlineData("1024", "KiB", 1024UL)]
        [InlineData("1024", "k", 1024UL)]
        [InlineData("1048576", "b", 1024UL)]
        [InlineData("1048576", "bytes", 1024UL)]
        [InlineData("1024", "KB", 1000UL)]
        [InlineData("512", "MiB", 524288UL)]
        [InlineData("512", "M", 524288UL)]
        [InlineData("1", "MB", 976UL)]
        [InlineData("2", "GiB", 2097152UL)]
        [InlineData("2", "G", 2097152UL)]
        [InlineData("1", "GB", 976562UL)]
        [InlineData("1", "TiB", 1073741824UL)]
        [InlineData("1", "TB", 976562500UL)]
        public void Memory_units(string value, string? unit, ulong kib)
        {
            Assert.Equal(kib, MemorySize.ToKiB(value, unit, "memory"));
        }

        [Fact]
        public void Memory_unit_errors()
        {
            Assert.Equal(ErrorCode.InvalidArg, Assert.Throws<LibvirtException>(() => MemorySize.ToKiB("1", "parsecs", "memory")).Code);
            Assert.Equal(ErrorCode.XmlError, Assert.Throws<LibvirtException>(() => MemorySize.ToKiB("1.5", "GiB", "memory")).Code);
            Assert.Equal(ErrorCode.Overflow, Assert.Throws<LibvirtException>(() => MemorySize.ToKiB("18446744073709551615", "TiB", "memory")).Code);
        }

        [Fact]
        public void Current_memory_is_capped_at_memory()
        {
            var def = DomainDefinition.Parse(Xml("vm", memory: "<memory unit='MiB'>256</memory><currentMemory unit='GiB'>1</currentMemory>"));
            Assert.Equal(def.MemoryKiB, def.CurrentMemoryKiB);
        }

        [Fact]
        public void Doctype_is_refused()
        {
            var xml = "<!DOCTYPE domain [<!ENTITY n 'expanded'>]><domain type='test'><name>&n;</name><memory>1024</memory><os><type>hvm</type></os></domain>";
            var ex = Assert.Throws<LibvirtException>(() => DomainDefinition.Parse(xml));
            Assert.Equal(ErrorCode.XmlError, ex.Code);
            Assert.DoesNotContain("expanded", ex.Message);
        }

        [Fact]
        public void External_entity_is_refused_and_the_file_is_never_read()
        {
            var secret = "SECRET-" + Guid.NewGuid().ToString("N");
            var path = Path.Combine(Path.GetTempPath(), "xxe-" + Guid.NewGuid().ToString("N") + ".txt");
            File.WriteAllText(path, secret);
            try
            {
                var fileUri = new Uri(path).AbsoluteUri;
                var xml = $"<?xml version='1.0'?><!DOCTYPE domain [<!ENTITY xxe SYSTEM '{fileUri}'>]>" +
                          "<domain type='test'><name>&xxe;</name><memory>1024</memory><os><type>hvm</type></os></domain>";
                var ex = Assert.Throws<LibvirtException>(() => DomainDefinition.Parse(xml));
                Assert.Equal(ErrorCode.XmlError, ex.Code);
                Assert.DoesNotContain(secret, ex.ToString());
                Assert.DoesNotContain(secret, ex.InnerException?.ToString() ?? "");
                // Also through the safe loader the node files and daemons use.
                var ex2 = Assert.Throws<LibvirtException>(() => SafeXml.Parse(xml, "test input"));
                Assert.Equal(ErrorCode.XmlError, ex2.Code);
                Assert.Equal(ErrorDomain.Xml, ex2.Domain);
                Assert.DoesNotContain(secret, ex2.ToString());
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void Definition_round_trips_unknown_elements_and_id()
        {
            var def = DomainDefinition.Parse(Xml("vm", "11111111-2222-3333-4444-555555555555", extra: "<vcpu>1</vcpu><devices><disk type='file'/></devices>"));
            var running = def.ToXml(7);
            Assert.Contains("id=\"7\"", running);
            Assert.Contains("<disk type=\"file\"", running);
            Assert.DoesNotContain("id=", def.ToXml(null));
            var renamed = def.Renamed("other");
            Assert.Equal("other", renamed.Name);
            Assert.Equal("vm", def.Name);
            Assert.Equal(def.Uuid, renamed.Uuid);
        }

        [Theory]
        [InlineData(DomainState.Running, 1, "Booted")]
        [InlineData(DomainState.Running, 2, "Migrated")]
        [InlineData(DomainState.Running, 6, "MigrationCanceled")]
        [InlineData(DomainState.Paused, 1, "User")]
        [InlineData(DomainState.Paused, 2, "Migration")]
        [InlineData(DomainState.ShutOff, 1, "Shutdown")]
        [InlineData(DomainState.ShutOff, 2, "Destroyed")]
        [InlineData(DomainState.ShutOff, 5, "Saved")]
        [InlineData(DomainState.Crashed, 1, "Panicked")]
        [InlineData(DomainState.NoState, 0, "Unknown")]
        public void State_reasons_use_libvirt_values(DomainState state, int value, string name)
        {
            Assert.Equal(name, DomainStateReason.Describe(state, value));
            Assert.Equal(value, DomainStateReason.ValueOf(state, name));
        }

        [Fact]
        public void Unknown_reason_values_and_names()
        {
            Assert.Equal("Reason99", DomainStateReason.Describe(DomainState.Running, 99));
            Assert.Equal("Reason-1", DomainStateReason.Describe(DomainState.Paused, -1));
            Assert.Throws<ArgumentException>(() => DomainStateReason.ValueOf(DomainState.Running, "Panicked"));
        }

        [Fact]
        public void Domain_state_values_match_libvirt()
        {
            Assert.Equal(0, (int)DomainState.NoState);
            Assert.Equal(1, (int)DomainState.Running);
            Assert.Equal(3, (int)DomainState.Paused);
            Assert.Equal(4, (int)DomainState.ShuttingDown);
            Assert.Equal(5, (int)DomainState.ShutOff);
            Assert.Equal(7, (int)DomainState.PMSuspended);
        }

        [Fact]
        public void Error_codes_and_domains_match_libvirt()
        {
            Assert.Equal(6, (int)ErrorCode.InvalidConn);
            Assert.Equal(8, (int)ErrorCode.InvalidArg);
            Assert.Equal(9, (int)ErrorCode.OperationFailed);
            Assert.Equal(27, (int)ErrorCode.XmlError);
            Assert.Equal(42, (int)ErrorCode.NoDomain);
            Assert.Equal(55, (int)ErrorCode.OperationInvalid);
            Assert.Equal(78, (int)ErrorCode.OperationAborted);
            Assert.Equal(12, (int)ErrorDomain.Test);
            Assert.Equal(45, (int)ErrorDomain.Uri);
            Assert.Equal(20, (int)ErrorDomain.Domain);
        }

        [Fact]
        public void Libvirt_version_encoding()
        {
            Assert.Equal(new Version(11, 7, 0), LibvirtVersion.Decode(11007000));
            Assert.Equal(10002003UL, LibvirtVersion.Encode(new Version(10, 2, 3)));
        }
    }
}
