using System;
using System.Collections.Generic;

namespace Libvirt.Engine.Migration
{
    /// <summary>
    /// One allowed value of a string or string-list parameter (e.g. the compression method "zstd"), with the
    /// libvirt release that accepts it and the rules that apply when it is chosen.
    /// </summary>
    public sealed class MigrationChoice
    {
        public MigrationChoice(string value, string since, string description, params MigrationRule[] rules)
        {
            Value = value ?? throw new ArgumentNullException(nameof(value));
            Since = Version.Parse(since);
            Description = description ?? "";
            Rules = rules ?? Array.Empty<MigrationRule>();
        }

        public string Value { get; }
        public Version Since { get; }
        public string Description { get; }
        public IReadOnlyList<MigrationRule> Rules { get; }

        /// <summary>
        /// The QEMU release that no longer has this choice (QEMU 9.1 removed multithread compression), or null.
        /// libvirt still accepts the value; the host's QEMU refuses it, so it is checked against the host's QEMU.
        /// </summary>
        public Version? RemovedInQemu { get; internal set; }

        public override string ToString() => Value;
    }
}
