using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace Libvirt.Tests.Net472
{
    /// <summary>Assertions and the virsh oracle, without a test framework (xunit's runners are not for mono).</summary>
    internal static class Check
    {
        public static void Equal<T>(T expected, T actual, string what)
        {
            if (!EqualityComparer<T>.Default.Equals(expected, actual))
                throw new Exception($"{what}: expected '{expected}', got '{actual}'");
        }

        public static void True(bool condition, string what)
        {
            if (!condition) throw new Exception(what);
        }

        public static string Env(string name) =>
            Environment.GetEnvironmentVariable(name) is string v && v.Length > 0 ? v
                : throw new Exception($"{name} is not set: start tests/hosts/start.sh (and transports-start.sh) and load their env files.");

        /// <summary>virsh through libvirt.so: the independent oracle.</summary>
        public static string Virsh(string uri, string command)
        {
            var psi = new ProcessStartInfo("virsh", $"-q -c \"{uri}\" {command}")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0) throw new Exception($"virsh {command} failed: {stderr}");
            return stdout.Result;
        }
    }
}
