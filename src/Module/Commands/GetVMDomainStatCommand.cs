using System.Management.Automation;
using Libvirt.Engine.Stats;
using Libvirt.PowerShell.Stats;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>
    /// Domain statistics as PowerCLI's Get-Stat shapes them: one object per sample per metric (CPU usage,
    /// memory, disk and network rates), from one CONNECT_GET_ALL_DOMAIN_STATS per host per sample.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "VMDomainStat", DefaultParameterSetName = ByObjectSet, HelpUri = HelpLinks.Base + "Get-VMDomainStat.md")]
    [OutputType(typeof(VMStat))]
    public sealed class GetVMDomainStatCommand : DomainStatCmdlet
    {
        private protected override int DefaultSamples => 1;

        protected override void EndProcessing()
        {
            foreach (var stat in Sample()) WriteObject(stat);
            base.EndProcessing();
        }
    }
}
