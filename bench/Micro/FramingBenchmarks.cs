using System.IO;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Libvirt.Drivers.Remote.Framing;

namespace Libvirt.Bench.Micro
{
    /// <summary>Packets in and out of the byte stream: the work the RPC client's reader does for every reply.</summary>
    [MemoryDiagnoser]
    public class FramingBenchmarks
    {
        private byte[] _stream = System.Array.Empty<byte>();
        private byte[] _payload = System.Array.Empty<byte>();

        /// <summary>A small reply (a lookup) and a large one (a listing).</summary>
        [Params(64, 65536)]
        public int PayloadBytes { get; set; }

        private const int Packets = 100;

        [GlobalSetup]
        public void Setup()
        {
            _payload = new byte[PayloadBytes];
            using var all = new MemoryStream();
            for (uint i = 1; i <= Packets; i++)
            {
                var p = Replies.Packet(_payload, i);
                all.Write(p, 0, p.Length);
            }
            _stream = all.ToArray();
        }

        [Benchmark(Description = "encode one packet")]
        public int Encode() => Replies.Packet(_payload).Length;

        [Benchmark(Description = "read 100 packets from a stream", OperationsPerInvoke = Packets)]
        public async Task<int> Read()
        {
            using var stream = new MemoryStream(_stream, writable: false);
            var n = 0;
            while (await PacketCodec.ReadAsync(stream, CancellationToken.None).ConfigureAwait(false) is Packet) n++;
            return n;
        }

        [Benchmark(Description = "read 100 packets, RPC client's buffered reader", OperationsPerInvoke = Packets)]
        public async Task<int> ReadBuffered()
        {
            using var stream = new MemoryStream(_stream, writable: false);
            var reader = new PacketReader(stream);
            var n = 0;
            while (await reader.ReadAsync(null, CancellationToken.None).ConfigureAwait(false) is Packet) n++;
            return n;
        }
    }
}
