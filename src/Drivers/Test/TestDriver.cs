using System;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Uris;

namespace Libvirt.Drivers.Test
{
    public sealed partial class TestDriver
    {
        public static IHypervisorDriver Open(LibvirtUri uri) => throw new InvalidOperationException("being written");
    }
}
