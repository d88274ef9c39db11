using System.Collections.Generic;
using Libvirt.Engine.Model;

namespace Libvirt.Engine.Migration
{
    /// <summary>The result of a migration that succeeded.</summary>
    public sealed class MigrationOutcome
    {
        internal MigrationOutcome(MigrationMode mode, VMDomain? domain, IReadOnlyList<string> warnings)
        {
            Mode = mode;
            Domain = domain;
            Warnings = warnings;
        }

        public MigrationMode Mode { get; }

        /// <summary>The domain on the destination as Finish returned it (managed migration); null for peer-to-peer.</summary>
        public VMDomain? Domain { get; }

        /// <summary>Problems that did not fail the migration (e.g. Confirm failed: the source copy may stay paused).</summary>
        public IReadOnlyList<string> Warnings { get; }
    }
}
