using System.Collections.Generic;
using Libvirt.Drivers.Remote.Rpc;
using Libvirt.Drivers.Remote.Xdr;

namespace Libvirt.Drivers.Remote.Protocol.Procedures
{
    /// <summary>
    /// The host's CPU and memory counters (virNodeGetCPUStats, virNodeGetMemoryStats). Both are asked twice, as
    /// libvirt's client does: with nparams 0 the reply says how many fields there are, then with that number
    /// it carries them. (Domain statistics are CONNECT_GET_ALL_DOMAIN_STATS in DomainProcedures.)
    /// </summary>
    internal static class StatsProcedures
    {
        internal const int NodeStatsMax = 16;

        /// <summary>args: int cpuNum; int nparams; uint flags → {string field; uhyper value}&lt;16&gt; params; int nparams.</summary>
        public static readonly Procedure<NodeStatsArgs, NodeStatsReply> NodeGetCpuStats =
            new(Programs.Remote, RemoteProcedure.NodeGetCpuStats, (w, a) => { w.WriteInt(a.Index); w.WriteInt(a.Count); w.WriteUInt(0); }, NodeStatsReply.Read);

        /// <summary>args: int nparams; int cellNum; uint flags (nparams first, unlike the CPU call) → the same reply.</summary>
        public static readonly Procedure<NodeStatsArgs, NodeStatsReply> NodeGetMemoryStats =
            new(Programs.Remote, RemoteProcedure.NodeGetMemoryStats, (w, a) => { w.WriteInt(a.Count); w.WriteInt(a.Index); w.WriteUInt(0); }, NodeStatsReply.Read);
    }

    /// <summary>Which CPU or NUMA cell (-1 all) and how many fields the caller can take (0: only ask how many).</summary>
    internal readonly struct NodeStatsArgs
    {
        public NodeStatsArgs(int index, int count) { Index = index; Count = count; }
        public int Index { get; }
        public int Count { get; }
    }

    internal sealed class NodeStatsReply
    {
        public NodeStatsReply(IReadOnlyList<KeyValuePair<string, ulong>> fields, int count) { Fields = fields; Count = count; }
        public IReadOnlyList<KeyValuePair<string, ulong>> Fields { get; }

        /// <summary>How many fields the host has (the answer to a call with nparams 0).</summary>
        public int Count { get; }

        public static NodeStatsReply Read(XdrReader r) =>
            new NodeStatsReply(r.ReadArray(StatsProcedures.NodeStatsMax, x => new KeyValuePair<string, ulong>(x.ReadString(80), x.ReadUHyper())), r.ReadInt());
    }
}
