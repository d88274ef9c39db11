using System;
using System.Collections.Generic;

namespace Libvirt.Engine.Model
{
    /// <summary>
    /// libvirt reports a state plus a per-state reason number (virDomainRunningReason, virDomainPausedReason, ...).
    /// This table names them; the index in each array is libvirt's value.
    /// </summary>
    public static class DomainStateReason
    {
        private static readonly Dictionary<DomainState, string[]> Names = new Dictionary<DomainState, string[]>
        {
            [DomainState.NoState] = new[] { "Unknown" },
            [DomainState.Running] = new[] { "Unknown", "Booted", "Migrated", "Restored", "FromSnapshot", "Unpaused", "MigrationCanceled", "SaveCanceled", "Wakeup", "Crashed", "PostcopyStarted", "PostcopyFailed" },
            [DomainState.Blocked] = new[] { "Unknown" },
            [DomainState.Paused] = new[] { "Unknown", "User", "Migration", "Save", "Dump", "IOError", "Watchdog", "FromSnapshot", "ShuttingDown", "Snapshot", "Crashed", "Starting", "Postcopy", "PostcopyFailed", "APIError" },
            [DomainState.ShuttingDown] = new[] { "Unknown", "User" },
            [DomainState.ShutOff] = new[] { "Unknown", "Shutdown", "Destroyed", "Crashed", "Migrated", "Saved", "Failed", "FromSnapshot", "Daemon" },
            [DomainState.Crashed] = new[] { "Unknown", "Panicked" },
            [DomainState.PMSuspended] = new[] { "Unknown" },
        };

        public static string Describe(DomainState state, int reason)
        {
            if (Names.TryGetValue(state, out var names) && reason >= 0 && reason < names.Length)
                return names[reason];
            return "Reason" + reason.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        /// <summary>The libvirt value of a reason name for a state, for drivers that set reasons by name.</summary>
        public static int ValueOf(DomainState state, string name)
        {
            var names = Names[state];
            var i = Array.IndexOf(names, name);
            if (i < 0) throw new ArgumentException($"'{name}' is not a reason of state {state}", nameof(name));
            return i;
        }
    }
}
