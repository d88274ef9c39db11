using System;
using Libvirt.Engine.Model;

namespace Libvirt.Drivers.Test
{
    /// <summary>test:///default as libvirt's test driver builds it: one running domain named 'test'.</summary>
    internal static class DefaultTestHost
    {
        private const string DefaultDomainXml =
@"<domain type='test'>
  <name>test</name>
  <uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid>
  <memory unit='KiB'>8388608</memory>
  <currentMemory unit='KiB'>2097152</currentMemory>
  <vcpu placement='static'>2</vcpu>
  <os>
    <type arch='i686'>hvm</type>
    <boot dev='hd'/>
  </os>
  <clock offset='utc'/>
  <on_poweroff>destroy</on_poweroff>
  <on_reboot>restart</on_reboot>
  <on_crash>destroy</on_crash>
  <devices>
  </devices>
</domain>";

        public static TestHost Create()
        {
            var host = new TestHost("default", Environment.MachineName, new TestNodeInfo());
            host.Load(TestDriver.ParseForTest(DefaultDomainXml), persistent: true, DomainState.Running);
            return host;
        }
    }
}
