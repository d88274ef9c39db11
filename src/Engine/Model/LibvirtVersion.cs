using System;

namespace Libvirt.Engine.Model
{
    /// <summary>libvirt encodes versions as major * 1,000,000 + minor * 1,000 + release.</summary>
    public static class LibvirtVersion
    {
        public static Version Decode(ulong encoded) =>
            new Version((int)(encoded / 1000000), (int)(encoded / 1000 % 1000), (int)(encoded % 1000));

        public static ulong Encode(Version v) =>
            (ulong)v.Major * 1000000 + (ulong)Math.Max(0, v.Minor) * 1000 + (ulong)Math.Max(0, v.Build);
    }
}
