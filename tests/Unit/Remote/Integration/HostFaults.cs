using System;
using System.Diagnostics;
using System.IO;

namespace Libvirt.Tests.Unit.Remote.Integration
{
    /// <summary>
    /// Kills, stops, resumes and restarts one daemon of the hosts the tests were given (LIBVIRT_PS_STATE_DIR),
    /// through tests/hosts/fault.sh: never any other daemon or QEMU.
    /// </summary>
    internal static class HostFaults
    {
        public static void Kill(int host) => Run(host, "kill");
        public static void Stop(int host) => Run(host, "stop");
        public static void Continue(int host) => Run(host, "cont");
        public static void Restart(int host) => Run(host, "restart");

        private static void Run(int host, string action)
        {
            var state = Environment.GetEnvironmentVariable("LIBVIRT_PS_STATE_DIR")
                ?? throw new InvalidOperationException("LIBVIRT_PS_STATE_DIR is not set: source the hosts.env written by tests/hosts/start.sh.");
            var psi = new ProcessStartInfo("bash") { RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add(Script());
            psi.ArgumentList.Add(state);
            psi.ArgumentList.Add(host.ToString());
            psi.ArgumentList.Add(action);
            using var p = Process.Start(psi)!;
            var stderr = p.StandardError.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0) throw new InvalidOperationException($"fault.sh {action} host{host} failed: {stderr}");
        }

        private static string Script()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tests", "hosts", "fault.sh");
                if (File.Exists(candidate)) return candidate;
            }
            throw new FileNotFoundException("tests/hosts/fault.sh not found above " + AppContext.BaseDirectory);
        }
    }
}
