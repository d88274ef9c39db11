using System;
using Libvirt.Engine.Model;

namespace Libvirt.Drivers.Test
{
    /// <summary>test:///default as libvirt's test driver builds it: one running domain named 'test', with its disk, interface and balloon (virsh dumpxml test).</summary>
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
    <disk type='file' device='disk'>
      <source file='/guest/diskimage1'/>
      <target dev='vda' bus='virtio'/>
      <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>
    </disk>
    <interface type='network'>
      <mac address='aa:bb:cc:dd:ee:ff'/>
      <source network='default'/>
      <target dev='testnet0'/>
      <address type='pci' domain='0x0000' bus='0x00' slot='0x01' function='0x0'/>
    </interface>
    <memballoon model='virtio'>
      <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0'/>
    </memballoon>
  </devices>
</domain>";

        private const string DefaultNetworkXml =
@"<network>
  <name>default</name>
  <uuid>dd8fe884-6c02-601e-7551-cca97df1c5df</uuid>
  <forward mode='nat'/>
  <bridge name='virbr0' stp='on' delay='0'/>
  <ip address='192.168.122.1' netmask='255.255.255.0'>
    <dhcp>
      <range start='192.168.122.2' end='192.168.122.254'/>
    </dhcp>
  </ip>
</network>";

        private const string DefaultPoolXml =
@"<pool type='dir'>
  <name>default-pool</name>
  <uuid>dfe224cb-28fb-8dd0-c4b2-64eb3f0f4566</uuid>
  <source>
  </source>
  <target>
    <path>/default-pool</path>
  </target>
</pool>";

        /// <summary>As libvirt's: the domain 'test', the active network 'default' and the running pool 'default-pool', all persistent, none autostarted.</summary>
        public static TestHost Create()
        {
            var host = new TestHost("default", Environment.MachineName, new TestNodeInfo());
            host.Load(TestDriver.ParseForTest(DefaultDomainXml), persistent: true, DomainState.Running);
            host.Networks.Add(new TestNetwork(TestNetwork.Parse(DefaultNetworkXml)) { Active = true, Persistent = true });
            host.Pools.Add(new TestStoragePool(TestStoragePool.Parse(DefaultPoolXml)) { Active = true, Persistent = true });
            return host;
        }
    }
}
