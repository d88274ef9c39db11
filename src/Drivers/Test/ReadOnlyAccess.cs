using Libvirt.Engine.Errors;

namespace Libvirt.Drivers.Test
{
    /// <summary>
    /// Read-only connections refuse every call that changes something, as libvirt does for a connection
    /// opened with VIR_CONNECT_RO: before looking at the arguments, with VIR_ERR_OPERATION_DENIED from
    /// VIR_FROM_DOMAIN and the public API's name (checked against libvirtd 9.0's test driver).
    /// </summary>
    internal static class ReadOnlyAccess
    {
        public static void Require(bool readOnly, string api)
        {
            if (readOnly)
                throw new LibvirtException(ErrorCode.OperationDenied, ErrorDomain.Domain, "operation forbidden: read only access prevents " + api);
        }
    }
}
