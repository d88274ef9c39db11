using BenchmarkDotNet.Running;

namespace Libvirt.Bench.Micro
{
    internal static class Program
    {
        private static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
