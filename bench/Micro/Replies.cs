using System;
using Libvirt.Drivers.Remote.Framing;
using Libvirt.Drivers.Remote.Xdr;
using Libvirt.Engine.Model;
using Libvirt.Engine.TypedParameters;

namespace Libvirt.Bench.Micro
{
    /// <summary>
    /// Wire images of the replies that dominate listing: what a daemon sends for CONNECT_LIST_ALL_DOMAINS and
    /// CONNECT_GET_ALL_DOMAIN_STATS on a host with <c>count</c> domains, written with the driver's own writer.
    /// </summary>
    internal static class Replies
    {
        public static DomainIdentity Domain(int i) =>
            new DomainIdentity($"many{i:D4}", new Guid($"6d616e79-0000-4000-8000-{i:D12}"), i % 10 == 0 ? -1 : i);

        public static byte[] ListAllDomains(int count)
        {
            var w = new XdrWriter(count * 64);
            var domains = new DomainIdentity[count];
            for (var i = 0; i < count; i++) domains[i] = Domain(i + 1);
            w.WriteArray(domains, XdrLimits.DomainListMax, DomainIdentityCodec.Write);
            w.WriteUInt((uint)count);
            return w.ToArray();
        }

        /// <summary>The stats of getAllDomainStats(state|balloon|vcpu): about a dozen typed parameters each.</summary>
        public static byte[] AllDomainStats(int count)
        {
            var w = new XdrWriter(count * 512);
            w.WriteUInt((uint)count);
            for (var i = 0; i < count; i++)
            {
                DomainIdentityCodec.Write(w, Domain(i + 1));
                TypedParameterCodec.WriteList(w, Stats(i), XdrLimits.AllDomainStatsParamsMax);
            }
            return w.ToArray();
        }

        private static TypedParameterList Stats(int i)
        {
            var list = new TypedParameterList();
            list.Add(TypedParameter.Int("state.state", 1));
            list.Add(TypedParameter.Int("state.reason", 1));
            list.Add(TypedParameter.ULLong("balloon.current", 1048576UL * (ulong)(1 + i % 16)));
            list.Add(TypedParameter.ULLong("balloon.maximum", 1048576UL * (ulong)(1 + i % 16)));
            list.Add(TypedParameter.UInt("vcpu.current", (uint)(1 + i % 4)));
            list.Add(TypedParameter.UInt("vcpu.maximum", (uint)(1 + i % 4)));
            for (var v = 0; v < 1 + i % 4; v++)
            {
                list.Add(TypedParameter.Int($"vcpu.{v}.state", 1));
                list.Add(TypedParameter.ULLong($"vcpu.{v}.time", 123456789UL * (ulong)(v + 1)));
            }
            return list;
        }

        /// <summary>A whole REPLY packet, length word included, around <paramref name="payload"/>.</summary>
        public static byte[] Packet(byte[] payload, uint serial = 1) =>
            PacketCodec.Encode(new PacketHeader(0x20008086, 1, 273, MessageType.Reply, serial, MessageStatus.Ok), payload);
    }
}
