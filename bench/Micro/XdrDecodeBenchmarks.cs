using BenchmarkDotNet.Attributes;
using Libvirt.Drivers.Remote.Protocol;
using Libvirt.Drivers.Remote.Xdr;

namespace Libvirt.Bench.Micro
{
    /// <summary>Decoding the replies of a 1,000-domain listing, as the RPC client hands them to the procedures.</summary>
    [MemoryDiagnoser]
    public class XdrDecodeBenchmarks
    {
        private byte[] _list = System.Array.Empty<byte>();
        private byte[] _stats = System.Array.Empty<byte>();

        [Params(1000)]
        public int Domains { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            _list = Replies.ListAllDomains(Domains);
            _stats = Replies.AllDomainStats(Domains);
        }

        [Benchmark(Description = "CONNECT_LIST_ALL_DOMAINS reply")]
        public int ListAllDomains() => DomainList.Read(new XdrReader(_list)).Domains.Length;

        [Benchmark(Description = "CONNECT_GET_ALL_DOMAIN_STATS reply")]
        public int AllDomainStats() => new XdrReader(_stats).ReadArray(XdrLimits.DomainListMax, DomainStatsRecord.Read).Length;
    }
}
