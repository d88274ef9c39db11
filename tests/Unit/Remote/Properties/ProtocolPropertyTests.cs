using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using FsCheck.Xunit;
using Libvirt.Drivers.Remote.Framing;
using Libvirt.Drivers.Remote.Protocol;
using Libvirt.Drivers.Remote.Protocol.Procedures;
using Libvirt.Drivers.Remote.Rpc;
using Libvirt.Drivers.Remote.Xdr;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Model;
using Libvirt.Engine.TypedParameters;
using Libvirt.Tests.Unit.Remote.Support;

namespace Libvirt.Tests.Unit.Remote.Properties
{
    /// <summary>
    /// Random and mutated input to the XDR reader, the framing and the RPC client only ever ends in the
    /// protocol's own error (a LibvirtException), never another exception, a hang, or an allocation past
    /// what the input itself could justify.
    /// </summary>
    public sealed class ProtocolPropertyTests
    {
        /// <summary>The reply decoders of real procedures, the deepest readers the protocol has.</summary>
        private static readonly Func<XdrReader, object>[] Decoders =
        {
            r => DomainProcedures.ConnectListAllDomains.ReadReply(r),
            r => DomainProcedures.ConnectGetAllDomainStats.ReadReply(r),
            r => DomainProcedures.DomainGetJobStats.ReadReply(r),
            r => MigrationProcedures.DomainMigrateBegin3Params.ReadReply(r),
            r => ConnectProcedures.NodeGetInfo.ReadReply(r),
            r => DomainProcedures.DomainGetInfo.ReadReply(r),
            r => ConnectProcedures.AuthList.ReadReply(r),
            r => RemoteError.Read(r),
            r => DomainLifecycleEvent.Read(r),
            r => TypedParameterCodec.ReadList(r, XdrLimits.MigrateParamListMax),
        };

        [Property(MaxTest = 500)]
        public bool Random_bytes_decode_or_raise_the_protocol_error_within_an_allocation_bound(byte[] data, byte which) =>
            DecodesWithinBounds(data, Decoders[which % Decoders.Length]);

        /// <summary>Valid payloads of the richest replies, each with its decoder: mutations then reach every nested reader.</summary>
        private static readonly (Func<byte[]> Valid, Func<XdrReader, object> Decode)[] Samples =
        {
            (ValidDomainList, r => DomainProcedures.ConnectListAllDomains.ReadReply(r)),
            (() => Written(w => TypedParameterCodec.WriteList(w, SampleParameters(), XdrLimits.MigrateParamListMax)), r => TypedParameterCodec.ReadList(r, XdrLimits.MigrateParamListMax)),
            (() => Written(w => RemoteError.Create(ErrorCode.NoDomain, ErrorDomain.Qemu, "Domain not found").Write(w)), r => RemoteError.Read(r)),
            (() => Written(w => { w.WriteInt(3); TypedParameterCodec.WriteList(w, SampleParameters(), XdrLimits.JobStatsMax); }), r => DomainProcedures.DomainGetJobStats.ReadReply(r)),
            (() => Written(w =>
            {
                w.WriteUInt(2);
                for (var i = 0; i < 2; i++) { DomainIdentityCodec.Write(w, new DomainIdentity("g" + i, Guid.NewGuid(), i)); TypedParameterCodec.WriteList(w, SampleParameters(), XdrLimits.AllDomainStatsParamsMax); }
            }), r => DomainProcedures.ConnectGetAllDomainStats.ReadReply(r)),
            (() => Written(w => { w.WriteOpaque(new byte[] { 1, 2, 3, 4, 5 }, XdrLimits.MigrateCookieMax); w.WriteString("<domain/>"); }), r => MigrationProcedures.DomainMigrateBegin3Params.ReadReply(r)),
            (() => Written(w => { w.WriteInt(7); DomainIdentityCodec.Write(w, new DomainIdentity("ev", Guid.NewGuid(), 3)); w.WriteInt(2); w.WriteInt(0); }), r => DomainLifecycleEvent.Read(r)),
        };

        [Property(MaxTest = 700)]
        public bool Mutated_valid_payloads_decode_or_raise_the_protocol_error_within_an_allocation_bound(int[] positions, byte[] values, byte which)
        {
            var sample = Samples[which % Samples.Length];
            var payload = sample.Valid();
            Mutate(payload, positions, values);
            return DecodesWithinBounds(payload, sample.Decode);
        }

        [Property(MaxTest = 300)]
        public bool Random_byte_streams_frame_into_packets_or_raise_the_protocol_error_and_never_admit_past_the_limit(byte[] data, byte[] prefix)
        {
            // A valid packet first, so random bytes also land where the next length word is expected.
            var stream = new MemoryStream(Concat(ValidPacket(), prefix, data));
            var admitted = new List<int>();
            try
            {
                var task = Task.Run(async () =>
                {
                    while (await PacketCodec.ReadAsync(stream, admitted.Add, CancellationToken.None).ConfigureAwait(false) != null) { }
                });
                if (!task.Wait(TimeSpan.FromSeconds(10))) return false; // a hang
            }
            catch (AggregateException e) when (e.InnerException is LibvirtException l && l.Code == ErrorCode.Rpc) { }
            catch (AggregateException e) when (e.InnerException is EndOfStreamException) { } // the stream ended mid-packet
            return admitted.TrueForAll(n => n >= FrameLimits.MinPacketLength && n <= FrameLimits.MaxPacketLength);
        }

        [Property(MaxTest = 200)]
        public bool Mutated_replies_through_the_rpc_client_complete_or_fail_with_a_libvirt_error_and_never_hang(int[] positions, byte[] values)
        {
            var w = new XdrWriter();
            w.WriteString("a-host-name");
            var reply = PacketCodec.Encode(new PacketHeader(Programs.Remote, 1, (int)RemoteProcedure.ConnectGetHostname, MessageType.Reply, 0, MessageStatus.Ok), w.ToArray());
            Mutate(reply, positions, values);
            using var client = new RpcClient(new ScriptedStream(reply), limits: new RpcLimits { MemoryBudgetBytes = 1024 * 1024 });
            var call = client.CallAsync(ConnectProcedures.ConnectGetHostname, None.Value, CancellationToken.None);
            try
            {
                if (!call.Wait(TimeSpan.FromSeconds(10))) return false; // a hang
            }
            catch (AggregateException e) when (e.InnerException is LibvirtException) { }
            return client.BufferedBytes <= 1024 * 1024;
        }

        [Xunit.Fact]
        public void The_allocation_bound_catches_a_decoder_that_trusts_a_length_word()
        {
            // The harness itself can fail: a decoder allocating what the peer claims is caught.
            Xunit.Assert.False(DecodesWithinBounds(Hex.Bytes("00ffffff"), r => new byte[r.ReadUInt()]));
        }

        private static bool DecodesWithinBounds(byte[] data, Func<XdrReader, object> decode)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            try { decode(new XdrReader(data)); }
            catch (LibvirtException e) when (e.Code == ErrorCode.Rpc) { }
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            // Every variable-length item is checked against the bytes left before it is allocated, so what a
            // decoder allocates is proportional to its input (UTF-16 strings, object headers), never to a
            // length word a peer made up.
            return allocated <= 64L * data.Length + 64 * 1024;
        }

        private static void Mutate(byte[] bytes, int[] positions, byte[] values)
        {
            for (var i = 0; i < positions.Length && i < values.Length; i++)
                bytes[(int)((uint)positions[i] % (uint)bytes.Length)] ^= values[i];
        }

        private static byte[] ValidDomainList()
        {
            var w = new XdrWriter();
            w.WriteUInt(3);
            for (var i = 0; i < 3; i++) DomainIdentityCodec.Write(w, new DomainIdentity("guest" + i, Guid.NewGuid(), i));
            w.WriteUInt(3);
            return w.ToArray();
        }

        private static TypedParameterList SampleParameters() => new TypedParameterList
        {
            TypedParameter.String("migrate_uri", "tcp://127.0.0.1:49152"),
            TypedParameter.ULLong("bandwidth", 200),
            TypedParameter.Int("parallel.connections", 4),
            TypedParameter.Double("ratio", 1.5),
            TypedParameter.Boolean("flag", true),
        };

        private static byte[] Written(Action<XdrWriter> write)
        {
            var w = new XdrWriter();
            write(w);
            return w.ToArray();
        }

        private static byte[] ValidPacket() =>
            PacketCodec.Encode(new PacketHeader(Programs.KeepAlive, 1, (int)KeepAliveProcedure.Ping, MessageType.Message, 0, MessageStatus.Ok), Array.Empty<byte>());

        private static byte[] Concat(params byte[][] parts)
        {
            var all = new List<byte>();
            foreach (var p in parts) all.AddRange(p);
            return all.ToArray();
        }
    }
}
