using System.Threading;
using System.Threading.Tasks;
using Libvirt.Drivers.Remote.Framing;

namespace Libvirt.Drivers.Remote.Rpc
{
    /// <summary>
    /// A call sent and not yet answered. The reader loop completes it when a REPLY with its serial arrives,
    /// after checking that the reply's program, version and procedure are the call's own.
    /// </summary>
    internal sealed class PendingCall
    {
        // Continuations run asynchronously so a caller's code never runs on (and stalls) the reader loop.
        private readonly TaskCompletionSource<Packet> _reply = new TaskCompletionSource<Packet>(TaskCreationOptions.RunContinuationsAsynchronously);

        public PendingCall(uint serial, uint program, uint version, int procedure, string what)
        {
            Serial = serial;
            Program = program;
            Version = version;
            Procedure = procedure;
            What = what;
        }

        public uint Serial { get; }
        public uint Program { get; }
        public uint Version { get; }
        public int Procedure { get; }
        public string What { get; }
        public Task<Packet> Reply => _reply.Task;

        public bool Complete(Packet reply) => _reply.TrySetResult(reply);
        public void Fail(System.Exception error) => _reply.TrySetException(error);
        public void Cancel(CancellationToken token) => _reply.TrySetCanceled(token);
    }
}
