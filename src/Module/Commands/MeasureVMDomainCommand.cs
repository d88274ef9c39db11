using System.Management.Automation;
using Libvirt.Engine.Stats;
using Libvirt.PowerShell.Stats;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>Samples domain statistics like Get-VMDomainStat and writes, per domain and metric, the average, minimum and peak.</summary>
    [Cmdlet(VerbsDiagnostic.Measure, "VMDomain", DefaultParameterSetName = ByObjectSet, HelpUri = HelpLinks.Base + "Measure-VMDomain.md")]
    [OutputType(typeof(StatMeasure))]
    public sealed class MeasureVMDomainCommand : DomainStatCmdlet
    {
        private protected override int DefaultSamples => 5;

        protected override void EndProcessing()
        {
            var samples = new System.Collections.Generic.List<VMStat>();
            var progress = new ProgressRecord(1, "Measure-VMDomain", "Sampling");
            foreach (var stat in Sample())
            {
                samples.Add(stat);
                progress.StatusDescription = $"Sampling: {stat.Timestamp:T}";
                WriteProgress(progress);
            }
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
            foreach (var m in StatMeasure.Of(samples)) WriteObject(m);
            base.EndProcessing();
        }
    }
}
