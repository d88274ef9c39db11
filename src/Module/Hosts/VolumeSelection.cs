using System.Collections.Generic;
using Libvirt.Engine.Model;

namespace Libvirt.PowerShell.Hosts
{
    /// <summary>The volumes a volume cmdlet acts on: its pipeline objects (each on its own host), or those it selects by pool and name.</summary>
    internal static class VolumeSelection
    {
        public static IReadOnlyList<(HostTarget Host, VMStorageVolume Volume)> Of(StorageVolumeCmdlet cmdlet, VMStorageVolume[] objects, string[] names)
        {
            var result = new List<(HostTarget, VMStorageVolume)>();
            if (cmdlet.ParameterSetName == "ByObject")
            {
                foreach (var v in objects)
                    cmdlet.Try(v.Name, () => result.Add((cmdlet.Hosts.ForUri(v.Uri, cmdlet.CancellationToken), v)));
                return result;
            }
            cmdlet.Try(null, () => result.AddRange(cmdlet.SelectVolumesFor(names)));
            return result;
        }
    }
}
