using System.Globalization;
using System.Security;
using System.Xml.Linq;

namespace Libvirt.Engine.Xml
{
    /// <summary>
    /// What the module reads from, and writes as, libvirt's storage pool and volume XML: a pool's type and target
    /// path, a volume's format and backing store, and the definitions the typed parameters of New- make.
    /// </summary>
    public static class StorageXml
    {
        public static (string? Type, string? Path) PoolTypeAndPath(string xml)
        {
            var root = SafeXml.Parse(xml, "storage pool XML").Root!;
            return ((string?)root.Attribute("type"), root.Element("target")?.Element("path")?.Value.Trim());
        }

        public static (string? Format, string? Backing) VolumeFormatAndBacking(string xml)
        {
            var root = SafeXml.Parse(xml, "storage volume XML").Root!;
            var format = (string?)root.Element("target")?.Element("format")?.Attribute("type");
            var backing = root.Element("backingStore")?.Element("path")?.Value.Trim();
            return (format, string.IsNullOrEmpty(backing) ? null : backing);
        }

        /// <summary>The name in a pool or volume definition, or null when it has none (the host then says why).</summary>
        public static string? TryReadName(string xml)
        {
            try { return SafeXml.Parse(xml, "XML").Root?.Element("name")?.Value.Trim(); }
            catch (Errors.LibvirtException) { return null; }
        }

        /// <summary>A dir pool at <paramref name="path"/>, as virsh pool-define-as NAME dir --target PATH writes it.</summary>
        public static string DirPool(string name, string path) =>
            $"<pool type='dir'>\n  <name>{Escape(name)}</name>\n  <target>\n    <path>{Escape(path)}</path>\n  </target>\n</pool>\n";

        /// <summary>A volume of <paramref name="capacity"/> bytes in <paramref name="format"/>, optionally over a backing volume (a linked clone).</summary>
        public static string Volume(string name, ulong capacity, string? format, string? backingPath, string? backingFormat, ulong? allocation = null)
        {
            var text = $"<volume>\n  <name>{Escape(name)}</name>\n  <capacity unit='bytes'>{capacity.ToString(CultureInfo.InvariantCulture)}</capacity>\n";
            if (allocation.HasValue) text += $"  <allocation unit='bytes'>{allocation.Value.ToString(CultureInfo.InvariantCulture)}</allocation>\n";
            if (format != null) text += $"  <target>\n    <format type='{Escape(format)}'/>\n  </target>\n";
            if (backingPath != null)
            {
                text += $"  <backingStore>\n    <path>{Escape(backingPath)}</path>\n";
                if (backingFormat != null) text += $"    <format type='{Escape(backingFormat)}'/>\n";
                text += "  </backingStore>\n";
            }
            return text + "</volume>\n";
        }

        private static string Escape(string s) => SecurityElement.Escape(s) ?? "";
    }
}
