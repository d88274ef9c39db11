namespace Libvirt.Engine.Model
{
    /// <summary>A screenshot saved to a file: whose screen, where, and what the picture is.</summary>
    public sealed class DomainScreenshot
    {
        public string Domain { get; set; } = "";
        public string Host { get; set; } = "";
        public string Uri { get; set; } = "";
        public uint Screen { get; set; }
        public string Path { get; set; } = "";
        public int Width { get; set; }
        public int Height { get; set; }
        /// <summary>What the file holds (image/png).</summary>
        public string Format { get; set; } = "";
        /// <summary>What the host sent (QEMU: image/x-portable-pixmap, converted to PNG).</summary>
        public string HostFormat { get; set; } = "";
        public long Length { get; set; }
    }
}
