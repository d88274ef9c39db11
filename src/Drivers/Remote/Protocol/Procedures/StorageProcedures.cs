using System;
using Libvirt.Drivers.Remote.Rpc;
using Libvirt.Drivers.Remote.Xdr;
using Libvirt.Engine.Model;

namespace Libvirt.Drivers.Remote.Protocol.Procedures
{
    /// <summary>REMOTE_PROGRAM procedures of storage pools and volumes.</summary>
    internal static class StorageProcedures
    {
        // ---- pools ----

        public static readonly Procedure<(string Xml, uint Flags), StoragePoolIdentity> StoragePoolCreateXml =
            new(Programs.Remote, RemoteProcedure.StoragePoolCreateXml, (w, a) => { w.WriteString(a.Xml); w.WriteUInt(a.Flags); }, PoolCodec.Read);
        public static readonly Procedure<(string Xml, uint Flags), StoragePoolIdentity> StoragePoolDefineXml =
            new(Programs.Remote, RemoteProcedure.StoragePoolDefineXml, (w, a) => { w.WriteString(a.Xml); w.WriteUInt(a.Flags); }, PoolCodec.Read);
        public static readonly Procedure<(StoragePoolIdentity Pool, uint Flags), None> StoragePoolCreate = new(Programs.Remote, RemoteProcedure.StoragePoolCreate, PoolAndFlags, None.Read);
        public static readonly Procedure<(StoragePoolIdentity Pool, uint Flags), None> StoragePoolBuild = new(Programs.Remote, RemoteProcedure.StoragePoolBuild, PoolAndFlags, None.Read);
        public static readonly Procedure<StoragePoolIdentity, None> StoragePoolDestroy = new(Programs.Remote, RemoteProcedure.StoragePoolDestroy, PoolCodec.Write, None.Read);
        public static readonly Procedure<(StoragePoolIdentity Pool, uint Flags), None> StoragePoolDelete = new(Programs.Remote, RemoteProcedure.StoragePoolDelete, PoolAndFlags, None.Read);
        public static readonly Procedure<StoragePoolIdentity, None> StoragePoolUndefine = new(Programs.Remote, RemoteProcedure.StoragePoolUndefine, PoolCodec.Write, None.Read);
        public static readonly Procedure<(StoragePoolIdentity Pool, uint Flags), None> StoragePoolRefresh = new(Programs.Remote, RemoteProcedure.StoragePoolRefresh, PoolAndFlags, None.Read);
        public static readonly Procedure<string, StoragePoolIdentity> StoragePoolLookupByName = new(Programs.Remote, RemoteProcedure.StoragePoolLookupByName, (w, n) => w.WriteString(n), PoolCodec.Read);
        public static readonly Procedure<Guid, StoragePoolIdentity> StoragePoolLookupByUuid = new(Programs.Remote, RemoteProcedure.StoragePoolLookupByUuid, (w, u) => w.WriteUuid(u), PoolCodec.Read);

        /// <summary>→ uchar state (4 bytes); uhyper capacity; uhyper allocation; uhyper available.</summary>
        public static readonly Procedure<StoragePoolIdentity, PoolInfo> StoragePoolGetInfo = new(Programs.Remote, RemoteProcedure.StoragePoolGetInfo, PoolCodec.Write, PoolInfo.Read);

        public static readonly Procedure<(StoragePoolIdentity Pool, uint Flags), string> StoragePoolGetXmlDesc = new(Programs.Remote, RemoteProcedure.StoragePoolGetXmlDesc, PoolAndFlags, r => r.ReadString());
        public static readonly Procedure<StoragePoolIdentity, bool> StoragePoolGetAutostart = new(Programs.Remote, RemoteProcedure.StoragePoolGetAutostart, PoolCodec.Write, r => r.ReadInt() != 0);
        public static readonly Procedure<(StoragePoolIdentity Pool, bool On), None> StoragePoolSetAutostart =
            new(Programs.Remote, RemoteProcedure.StoragePoolSetAutostart, (w, a) => { PoolCodec.Write(w, a.Pool); w.WriteInt(a.On ? 1 : 0); }, None.Read);
        public static readonly Procedure<StoragePoolIdentity, bool> StoragePoolIsPersistent = new(Programs.Remote, RemoteProcedure.StoragePoolIsPersistent, PoolCodec.Write, r => r.ReadInt() != 0);

        /// <summary>args: int need_results; uint flags → remote_nonnull_storage_pool pools&lt;4096&gt;; uint ret.</summary>
        public static readonly Procedure<uint, StoragePoolIdentity[]> ConnectListAllStoragePools =
            new(Programs.Remote, RemoteProcedure.ConnectListAllStoragePools, (w, flags) => { w.WriteInt(1); w.WriteUInt(flags); },
                r => { var pools = r.ReadArray(XdrLimits.StoragePoolListMax, PoolCodec.Read); r.ReadUInt(); return pools; });

        /// <summary>args: pool; int need_results; uint flags → remote_nonnull_storage_vol vols&lt;16384&gt;; uint ret.</summary>
        public static readonly Procedure<StoragePoolIdentity, StorageVolumeIdentity[]> StoragePoolListAllVolumes =
            new(Programs.Remote, RemoteProcedure.StoragePoolListAllVolumes, (w, p) => { PoolCodec.Write(w, p); w.WriteInt(1); w.WriteUInt(0); },
                r => { var vols = r.ReadArray(XdrLimits.StorageVolListMax, VolumeCodec.Read); r.ReadUInt(); return vols; });

        // ---- volumes ----

        /// <summary>args: pool; string xml; uint flags → vol.</summary>
        public static readonly Procedure<(StoragePoolIdentity Pool, string Xml, uint Flags), StorageVolumeIdentity> StorageVolCreateXml =
            new(Programs.Remote, RemoteProcedure.StorageVolCreateXml, (w, a) => { PoolCodec.Write(w, a.Pool); w.WriteString(a.Xml); w.WriteUInt(a.Flags); }, VolumeCodec.Read);

        public static readonly Procedure<(StorageVolumeIdentity Volume, uint Flags), None> StorageVolDelete = new(Programs.Remote, RemoteProcedure.StorageVolDelete, VolumeAndFlags, None.Read);

        public static readonly Procedure<(StoragePoolIdentity Pool, string Name), StorageVolumeIdentity> StorageVolLookupByName =
            new(Programs.Remote, RemoteProcedure.StorageVolLookupByName, (w, a) => { PoolCodec.Write(w, a.Pool); w.WriteString(a.Name); }, VolumeCodec.Read);

        /// <summary>→ char type (4 bytes); uhyper capacity; uhyper allocation.</summary>
        public static readonly Procedure<StorageVolumeIdentity, VolumeInfo> StorageVolGetInfo = new(Programs.Remote, RemoteProcedure.StorageVolGetInfo, VolumeCodec.Write, VolumeInfo.Read);

        public static readonly Procedure<(StorageVolumeIdentity Volume, uint Flags), string> StorageVolGetXmlDesc = new(Programs.Remote, RemoteProcedure.StorageVolGetXmlDesc, VolumeAndFlags, r => r.ReadString());
        public static readonly Procedure<StorageVolumeIdentity, string> StorageVolGetPath = new(Programs.Remote, RemoteProcedure.StorageVolGetPath, VolumeCodec.Write, r => r.ReadString());

        /// <summary>args: pool; string xml; vol clonevol; uint flags → vol.</summary>
        public static readonly Procedure<(StoragePoolIdentity Pool, string Xml, StorageVolumeIdentity Source, uint Flags), StorageVolumeIdentity> StorageVolCreateXmlFrom =
            new(Programs.Remote, RemoteProcedure.StorageVolCreateXmlFrom, (w, a) =>
            {
                PoolCodec.Write(w, a.Pool);
                w.WriteString(a.Xml);
                VolumeCodec.Write(w, a.Source);
                w.WriteUInt(a.Flags);
            }, VolumeCodec.Read);

        /// <summary>args: vol; uhyper capacity; uint flags.</summary>
        public static readonly Procedure<(StorageVolumeIdentity Volume, ulong Capacity, uint Flags), None> StorageVolResize =
            new(Programs.Remote, RemoteProcedure.StorageVolResize, (w, a) => { VolumeCodec.Write(w, a.Volume); w.WriteUHyper(a.Capacity); w.WriteUInt(a.Flags); }, None.Read);

        private static void PoolAndFlags(XdrWriter w, (StoragePoolIdentity Pool, uint Flags) a) { PoolCodec.Write(w, a.Pool); w.WriteUInt(a.Flags); }

        private static void VolumeAndFlags(XdrWriter w, (StorageVolumeIdentity Volume, uint Flags) a) { VolumeCodec.Write(w, a.Volume); w.WriteUInt(a.Flags); }
    }

    /// <summary>remote_nonnull_storage_pool: name; uuid.</summary>
    internal static class PoolCodec
    {
        public static void Write(XdrWriter w, StoragePoolIdentity p) { w.WriteString(p.Name); w.WriteUuid(p.Uuid); }

        public static StoragePoolIdentity Read(XdrReader r) => new StoragePoolIdentity(r.ReadString(), r.ReadUuid());
    }

    /// <summary>remote_nonnull_storage_vol: pool; name; key.</summary>
    internal static class VolumeCodec
    {
        public static void Write(XdrWriter w, StorageVolumeIdentity v) { w.WriteString(v.Pool); w.WriteString(v.Name); w.WriteString(v.Key); }

        public static StorageVolumeIdentity Read(XdrReader r) => new StorageVolumeIdentity(r.ReadString(), r.ReadString(), r.ReadString());
    }

    internal sealed class PoolInfo
    {
        public StoragePoolState State { get; private set; }
        public ulong Capacity { get; private set; }
        public ulong Allocation { get; private set; }
        public ulong Available { get; private set; }

        public static PoolInfo Read(XdrReader r) => new PoolInfo
        {
            State = (StoragePoolState)(r.ReadUInt() & 0xff),
            Capacity = r.ReadUHyper(),
            Allocation = r.ReadUHyper(),
            Available = r.ReadUHyper(),
        };
    }

    internal sealed class VolumeInfo
    {
        public StorageVolumeType Type { get; private set; }
        public ulong Capacity { get; private set; }
        public ulong Allocation { get; private set; }

        public static VolumeInfo Read(XdrReader r) => new VolumeInfo
        {
            Type = (StorageVolumeType)(r.ReadUInt() & 0xff),
            Capacity = r.ReadUHyper(),
            Allocation = r.ReadUHyper(),
        };
    }
}
