using System.Collections.Generic;
using System.Globalization;
using Libvirt.Engine.Drivers;

namespace Libvirt.Engine.Config
{
    /// <summary>What Set-VMDomain asks to change on one domain; null means "leave as it is".</summary>
    public sealed class DomainSettings
    {
        public int? VCpus { get; set; }
        public long? MemoryMB { get; set; }
        public long? MaxMemoryMB { get; set; }
        public bool? Autostart { get; set; }
        /// <summary>"" removes the title.</summary>
        public string? Title { get; set; }
        /// <summary>"" removes the description.</summary>
        public string? Description { get; set; }
        public string? NewName { get; set; }

        /// <summary>Where vCPU, memory and metadata changes go (autostart and the name have one value each).</summary>
        public DomainImpact Impact { get; set; }

        public bool IsEmpty => Changes().Count == 0;

        /// <summary>The changes in the order they are applied, as a person reads them: "memory 2048 MB (config)".</summary>
        public IReadOnlyList<string> Changes()
        {
            var where = Impact switch
            {
                DomainImpact.Live => " (live)",
                DomainImpact.Config => " (config)",
                DomainImpact.Live | DomainImpact.Config => " (live and config)",
                _ => "",
            };
            var list = new List<string>();
            if (MaxMemoryMB.HasValue) list.Add($"maximum memory {N(MaxMemoryMB.Value)} MB{where}");
            if (MemoryMB.HasValue) list.Add($"memory {N(MemoryMB.Value)} MB{where}");
            if (VCpus.HasValue) list.Add($"vCPUs {N(VCpus.Value)}{where}");
            if (Title != null) list.Add(Title.Length == 0 ? $"remove title{where}" : $"title '{Title}'{where}");
            if (Description != null) list.Add(Description.Length == 0 ? $"remove description{where}" : $"description '{Description}'{where}");
            if (Autostart.HasValue) list.Add(Autostart.Value ? "autostart on" : "autostart off");
            if (NewName != null) list.Add($"rename to '{NewName}'");
            return list;
        }

        private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);
    }
}
