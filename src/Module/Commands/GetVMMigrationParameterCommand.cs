using System.Linq;
using System.Management.Automation;
using Libvirt.Engine.Migration;
using Libvirt.PowerShell.Migration;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>Lists the migration parameters and flags Move-VMDomain takes, straight from the migration tables.</summary>
    [Cmdlet(VerbsCommon.Get, "VMMigrationParameter", HelpUri = HelpLinks.Base + "Get-VMMigrationParameter.md")]
    [OutputType(typeof(MigrationCatalogEntry))]
    public sealed class GetVMMigrationParameterCommand : PSCmdlet
    {
        /// <summary>Names, libvirt keys or constants; wildcards allowed.</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        public string[]? Name { get; set; }

        /// <summary>Only parameters or only flags.</summary>
        [Parameter]
        public MigrationCatalogKind? Kind { get; set; }

        protected override void ProcessRecord()
        {
            var patterns = (Name ?? new[] { "*" }).Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToList();
            foreach (var entry in MigrationCatalog.List(MigrationTablesScope.Current))
            {
                if (Kind.HasValue && entry.Kind != Kind.Value) continue;
                if (patterns.Any(p => p.IsMatch(entry.Name) || (entry.Key != null && p.IsMatch(entry.Key)) || p.IsMatch(entry.Constant)))
                    WriteObject(entry);
            }
        }
    }
}
