using Libvirt.Drivers.Remote.Xdr;
using Libvirt.Engine.Model;
using Libvirt.Engine.TypedParameters;

namespace Libvirt.Drivers.Remote.Protocol
{
    // Reply structs of the procedures in Protocol/Procedures, each reading itself in wire order.

    /// <summary>NODE_GET_INFO reply: <c>char model[32]</c> (128 bytes: rpcgen widens chars), memory in KiB, cpu topology.</summary>
    internal sealed class NodeInfo
    {
        public string Model { get; private set; } = "";
        public ulong MemoryKiB { get; private set; }
        public int Cpus { get; private set; }
        public int Mhz { get; private set; }
        public int Nodes { get; private set; }
        public int Sockets { get; private set; }
        public int Cores { get; private set; }
        public int Threads { get; private set; }

        public static NodeInfo Read(XdrReader r) => new NodeInfo
        {
            Model = r.ReadFixedWidenedCharString(XdrLimits.NodeInfoModelChars),
            MemoryKiB = r.ReadUHyper(),
            Cpus = r.ReadInt(),
            Mhz = r.ReadInt(),
            Nodes = r.ReadInt(),
            Sockets = r.ReadInt(),
            Cores = r.ReadInt(),
            Threads = r.ReadInt(),
        };
    }

    /// <summary>DOMAIN_GET_INFO reply: <c>uchar state; uhyper maxMem; uhyper memory; ushort nrVirtCpu; uhyper cpuTime</c>; the uchar/ushort take 4 bytes each.</summary>
    internal sealed class DomainInfo
    {
        public DomainState State { get; private set; }
        public ulong MaxMemoryKiB { get; private set; }
        public ulong MemoryKiB { get; private set; }
        public int VirtCpus { get; private set; }
        public ulong CpuTimeNs { get; private set; }

        public static DomainInfo Read(XdrReader r) => new DomainInfo
        {
            State = (DomainState)(r.ReadUInt() & 0xff),
            MaxMemoryKiB = r.ReadUHyper(),
            MemoryKiB = r.ReadUHyper(),
            VirtCpus = (int)(r.ReadUInt() & 0xffff),
            CpuTimeNs = r.ReadUHyper(),
        };
    }

    /// <summary>CONNECT_LIST_ALL_DOMAINS reply: the domains and their count.</summary>
    internal sealed class DomainList
    {
        public DomainList(DomainIdentity[] domains, uint count) { Domains = domains; Count = count; }
        public DomainIdentity[] Domains { get; }
        public uint Count { get; }

        public static DomainList Read(XdrReader r) =>
            new DomainList(r.ReadArray(XdrLimits.DomainListMax, DomainIdentityCodec.Read), r.ReadUInt());
    }

    /// <summary>remote_domain_stats_record: a domain and its statistics as typed parameters.</summary>
    internal sealed class DomainStatsRecord
    {
        public DomainStatsRecord(DomainIdentity domain, TypedParameterList stats) { Domain = domain; Stats = stats; }
        public DomainIdentity Domain { get; }
        public TypedParameterList Stats { get; }

        public static DomainStatsRecord Read(XdrReader r) =>
            new DomainStatsRecord(DomainIdentityCodec.Read(r), TypedParameterCodec.ReadList(r, XdrLimits.AllDomainStatsParamsMax));
    }

    /// <summary>DOMAIN_GET_STATE reply.</summary>
    internal readonly struct DomainStateReply
    {
        public DomainStateReply(DomainState state, int reason) { State = state; Reason = reason; }
        public DomainState State { get; }
        public int Reason { get; }

        public static DomainStateReply Read(XdrReader r) => new DomainStateReply((DomainState)r.ReadInt(), r.ReadInt());
    }

    /// <summary>DOMAIN_GET_JOB_STATS reply: virDomainJobType and statistics.</summary>
    internal sealed class JobStats
    {
        public JobStats(int type, TypedParameterList stats) { Type = type; Stats = stats; }
        public int Type { get; }
        public TypedParameterList Stats { get; }

        public static JobStats Read(XdrReader r) => new JobStats(r.ReadInt(), TypedParameterCodec.ReadList(r, XdrLimits.JobStatsMax));
    }

    /// <summary>A domain lifecycle event (MESSAGE 318): the registration's callback id, domain, event and detail.</summary>
    public sealed class DomainLifecycleEvent
    {
        public DomainLifecycleEvent(int callbackId, DomainIdentity domain, int eventType, int detail)
        {
            CallbackId = callbackId;
            Domain = domain;
            EventType = eventType;
            Detail = detail;
        }

        public int CallbackId { get; }
        public DomainIdentity Domain { get; }
        /// <summary>virDomainEventType: 0 DEFINED, 1 UNDEFINED, 2 STARTED, 3 SUSPENDED, 4 RESUMED, 5 STOPPED, 6 SHUTDOWN, 7 PMSUSPENDED, 8 CRASHED.</summary>
        public int EventType { get; }
        public int Detail { get; }

        internal static DomainLifecycleEvent Read(XdrReader r) =>
            new DomainLifecycleEvent(r.ReadInt(), DomainIdentityCodec.Read(r), r.ReadInt(), r.ReadInt());

        public override string ToString() => $"{Domain.Name}: event {EventType} detail {Detail}";
    }
}
