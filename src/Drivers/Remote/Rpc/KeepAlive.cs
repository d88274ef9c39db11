using System;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Errors;

namespace Libvirt.Drivers.Remote.Rpc
{
    /// <summary>
    /// Client-side keepalive with libvirt's semantics (virkeepalive.c): after each <c>interval</c> without any
    /// packet from the peer, send a PING; any packet from the peer resets the silence; once <c>count</c>
    /// PINGs went unanswered (interval × (count + 1) of silence) the peer is dead and the connection is
    /// closed, which fails every pending call.
    /// </summary>
    internal sealed class KeepAlive : IDisposable
    {
        private readonly RpcClient _client;
        private readonly TimeSpan _interval;
        private readonly int _count;
        private readonly Timer _timer;
        private readonly object _gate = new object();
        private long _pingsUnanswered;
        private long _packetsSeen;

        public KeepAlive(RpcClient client, TimeSpan interval, int count)
        {
            _client = client;
            _interval = interval;
            _count = count;
            // Tick faster than the interval so PINGs and the verdict come close to their due time.
            var tick = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(10).Ticks, interval.Ticks / 4));
            _timer = new Timer(_ => OnTick(), null, tick, tick);
        }

        public void Dispose() => _timer.Dispose();

        private void OnTick()
        {
            lock (_gate)
            {
                if (_client.Failure != null) { Dispose(); return; }
                var received = _client.PacketsReceived;
                if (received != _packetsSeen) { _packetsSeen = received; _pingsUnanswered = 0; }
                var silence = _client.Silence;
                // Dead only after all the PINGs were really sent: a timer delayed by a busy machine must
                // not condemn a peer that was never asked.
                if (_pingsUnanswered >= _count && silence.Ticks >= _interval.Ticks * (_count + 1))
                {
                    _client.Fail(new LibvirtException(ErrorCode.Rpc, ErrorDomain.Rpc,
                        $"The libvirt daemon did not answer {_count} keepalive probes sent every {_interval.TotalSeconds:0.###} s; " +
                        "the connection is considered dead and has been closed."));
                    return;
                }
                // One PING per full interval of silence, at most count of them.
                if (_pingsUnanswered >= _count || silence.Ticks < _interval.Ticks * (_pingsUnanswered + 1)) return;
                _pingsUnanswered++;
            }
            _ = _client.SendMessageAsync(Programs.KeepAlive, (int)KeepAliveProcedure.Ping, Array.Empty<byte>(), CancellationToken.None)
                .ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
        }
    }
}
