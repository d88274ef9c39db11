namespace Libvirt.Drivers.Remote.Xdr
{
    /// <summary>Size limits of libvirt's remote protocol (remote_protocol.x / virnetprotocol.x, 9.0) used by the codecs.</summary>
    internal static class XdrLimits
    {
        /// <summary>REMOTE_STRING_MAX: the longest string either side accepts.</summary>
        public const int StringMax = 4194304;
        public const int UuidBytes = 16;
        public const int DomainListMax = 16384;
        public const int NetworkListMax = 16384;
        public const int NetworkDhcpLeasesMax = 65536;
        public const int StoragePoolListMax = 16384;
        public const int StorageVolListMax = 16384;
        public const int AuthTypeListMax = 20;
        public const int MigrateCookieMax = 4194304;
        public const int MigrateParamListMax = 64;
        public const int JobStatsMax = 64;
        public const int EventTunableMax = 2048;
        public const int AllDomainStatsParamsMax = 262144;
        public const int SaslDataMax = 65536;
        /// <summary>NODE_GET_INFO's char model[32].</summary>
        public const int NodeInfoModelChars = 32;

        /// <summary>Bytes of zero padding after <paramref name="length"/> bytes to reach a 4-byte boundary.</summary>
        public static int PaddingFor(int length) => (4 - (length & 3)) & 3;
    }
}
