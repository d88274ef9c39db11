namespace Libvirt.Engine.Devices
{
    /// <summary>virDomainBlockInfo: sizes of one disk in bytes.</summary>
    public sealed class BlockInfo
    {
        public BlockInfo(ulong capacity, ulong allocation, ulong physical)
        {
            Capacity = capacity;
            Allocation = allocation;
            Physical = physical;
        }

        /// <summary>What the guest sees.</summary>
        public ulong Capacity { get; }

        /// <summary>What the image uses on the host.</summary>
        public ulong Allocation { get; }

        /// <summary>The host storage the image takes (the file's size, or the block device's).</summary>
        public ulong Physical { get; }
    }
}
