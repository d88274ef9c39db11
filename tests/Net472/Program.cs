using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;

namespace Libvirt.Tests.Net472
{
    /// <summary>
    /// Runs every case of <see cref="Cases"/> and prints one line per case, then "Net472: N passed, M failed".
    /// A case whose endpoint is not described in the environment fails (as the other runners' real-host tests do):
    /// start tests/hosts/start.sh and transports-start.sh and load their env files first.
    /// </summary>
    internal static class Program
    {
        private static int Main(string[] args)
        {
            Console.WriteLine($"runtime: {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
            var cases = Cases.All().Where(c => args.Length == 0 || args.Any(a => c.Name.IndexOf(a, StringComparison.OrdinalIgnoreCase) >= 0)).ToList();
            int passed = 0, failed = 0;
            foreach (var c in cases)
            {
                var clock = Stopwatch.StartNew();
                try
                {
                    Task.Run(c.Run).GetAwaiter().GetResult();
                    passed++;
                    Console.WriteLine($"  [+] {c.Name} ({clock.ElapsedMilliseconds} ms)");
                }
                catch (Exception e)
                {
                    failed++;
                    Console.WriteLine($"  [-] {c.Name} ({clock.ElapsedMilliseconds} ms)");
                    Console.WriteLine("      " + e.ToString().Replace("\n", "\n      "));
                }
            }
            Console.WriteLine($"Net472: {passed} passed, {failed} failed");
            return failed == 0 && passed > 0 ? 0 : 1;
        }
    }

    internal sealed class TestCase
    {
        public TestCase(string name, Func<Task> run) { Name = name; Run = run; }
        public string Name { get; }
        public Func<Task> Run { get; }
    }
}
