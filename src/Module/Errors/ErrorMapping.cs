using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Libvirt.Engine.Errors;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Errors
{
    /// <summary>
    /// The one place that turns engine exceptions into ErrorRecords: libvirt's error number decides the
    /// stable error id and the PowerShell category.
    /// </summary>
    internal static class ErrorMapping
    {
        private static readonly Dictionary<ErrorCode, (string Id, ErrorCategory Category)> ByCode = new Dictionary<ErrorCode, (string, ErrorCategory)>
        {
            [ErrorCode.NoDomain] = ("DomainNotFound", ErrorCategory.ObjectNotFound),
            [ErrorCode.NoDomainSnapshot] = ("SnapshotNotFound", ErrorCategory.ObjectNotFound),
            [ErrorCode.InvalidDomainSnapshot] = ("InvalidSnapshot", ErrorCategory.InvalidArgument),
            [ErrorCode.SnapshotRevertRisky] = ("SnapshotRevertRisky", ErrorCategory.InvalidOperation),
            [ErrorCode.NoDomainMetadata] = ("MetadataNotFound", ErrorCategory.ObjectNotFound),
            [ErrorCode.NoNetwork] = ("NetworkNotFound", ErrorCategory.ObjectNotFound),
            [ErrorCode.NoStoragePool] = ("StoragePoolNotFound", ErrorCategory.ObjectNotFound),
            [ErrorCode.NoStorageVol] = ("StorageVolumeNotFound", ErrorCategory.ObjectNotFound),
            [ErrorCode.NetworkExist] = ("NetworkExists", ErrorCategory.ResourceExists),
            [ErrorCode.StorageVolExist] = ("StorageVolumeExists", ErrorCategory.ResourceExists),
            [ErrorCode.StoragePoolBuilt] = ("StoragePoolBuilt", ErrorCategory.ResourceExists),
            [ErrorCode.OperationInvalid] = ("OperationInvalid", ErrorCategory.InvalidOperation),
            [ErrorCode.OperationFailed] = ("OperationFailed", ErrorCategory.InvalidOperation),
            [ErrorCode.DomExist] = ("DomainExists", ErrorCategory.ResourceExists),
            [ErrorCode.InvalidArg] = ("InvalidArgument", ErrorCategory.InvalidArgument),
            [ErrorCode.Overflow] = ("InvalidArgument", ErrorCategory.InvalidArgument),
            [ErrorCode.ArgumentUnsupported] = ("ArgumentUnsupported", ErrorCategory.InvalidArgument),
            [ErrorCode.XmlError] = ("InvalidXml", ErrorCategory.InvalidData),
            [ErrorCode.XmlDetail] = ("InvalidXml", ErrorCategory.InvalidData),
            [ErrorCode.XmlInvalidSchema] = ("InvalidXml", ErrorCategory.InvalidData),
            [ErrorCode.NoName] = ("InvalidXml", ErrorCategory.InvalidData),
            [ErrorCode.ConfigUnsupported] = ("ConfigUnsupported", ErrorCategory.InvalidData),
            [ErrorCode.NoSupport] = ("NotSupported", ErrorCategory.NotImplemented),
            [ErrorCode.OperationUnsupported] = ("NotSupported", ErrorCategory.NotImplemented),
            [ErrorCode.AuthFailed] = ("AuthenticationFailed", ErrorCategory.AuthenticationError),
            [ErrorCode.AuthCancelled] = ("AuthenticationFailed", ErrorCategory.AuthenticationError),
            [ErrorCode.AuthUnavailable] = ("AuthenticationFailed", ErrorCategory.AuthenticationError),
            [ErrorCode.AccessDenied] = ("AccessDenied", ErrorCategory.PermissionDenied),
            [ErrorCode.OperationDenied] = ("AccessDenied", ErrorCategory.PermissionDenied),
            [ErrorCode.NoConnect] = ("ConnectionFailed", ErrorCategory.ConnectionError),
            [ErrorCode.InvalidConn] = ("ConnectionFailed", ErrorCategory.ConnectionError),
            [ErrorCode.Rpc] = ("ConnectionFailed", ErrorCategory.ConnectionError),
            // A system error of the client's own transport; the daemon's are told apart below (TransportDomains).
            [ErrorCode.SystemError] = ("ConnectionFailed", ErrorCategory.ConnectionError),
            [ErrorCode.OpenFailed] = ("OpenFailed", ErrorCategory.OpenError),
            [ErrorCode.GnutlsError] = ("TlsFailed", ErrorCategory.SecurityError),
            [ErrorCode.Ssh] = ("SshFailed", ErrorCategory.ConnectionError),
            [ErrorCode.Libssh] = ("SshFailed", ErrorCategory.ConnectionError),
            [ErrorCode.OperationTimeout] = ("OperationTimeout", ErrorCategory.OperationTimeout),
            [ErrorCode.OperationAborted] = ("OperationAborted", ErrorCategory.OperationStopped),
            [ErrorCode.ResourceBusy] = ("ResourceBusy", ErrorCategory.ResourceBusy),
            [ErrorCode.MigrateUnsafe] = ("MigrationUnsafe", ErrorCategory.InvalidOperation),
            [ErrorCode.MigratePersistFailed] = ("MigrationPersistFailed", ErrorCategory.WriteError),
            [ErrorCode.CpuIncompatible] = ("CpuIncompatible", ErrorCategory.InvalidOperation),
            [ErrorCode.InternalError] = ("InternalError", ErrorCategory.NotSpecified),
        };

        public static (string Id, ErrorCategory Category) Classify(ErrorCode code) =>
            ByCode.TryGetValue(code, out var v) ? v : ("LibvirtError", ErrorCategory.NotSpecified);

        /// <summary>
        /// Where a SYSTEM_ERROR means the connection failed: the client's sockets, TLS and SSH. The same code
        /// from the daemon's drivers (a missing QEMU binary, a disk image it cannot open) is not a connection failure.
        /// </summary>
        private static readonly HashSet<ErrorDomain> TransportDomains = new HashSet<ErrorDomain>
        {
            ErrorDomain.Rpc, ErrorDomain.Remote, ErrorDomain.Ssh, ErrorDomain.Libssh,
        };

        public static (string Id, ErrorCategory Category) Classify(ErrorCode code, ErrorDomain domain) =>
            code == ErrorCode.SystemError && !TransportDomains.Contains(domain)
                ? ("SystemError", ErrorCategory.ResourceUnavailable)
                : Classify(code);

        /// <summary>
        /// Exceptions that are not libvirt's but that cmdlets report as errors, most specific first. Anything not
        /// listed is a bug and is left to propagate.
        /// </summary>
        private static readonly (Type Type, string Id, ErrorCategory Category)[] ByExceptionType =
        {
            (typeof(NoHostException), "NoHostConnected", ErrorCategory.ConnectionError),
            (typeof(AmbiguousHostException), "HostNotSpecified", ErrorCategory.InvalidArgument),
            (typeof(OperationCanceledException), "OperationStopped", ErrorCategory.OperationStopped),
            (typeof(Events.WaitTimeoutException), "WaitTimeout", ErrorCategory.OperationTimeout),
            (typeof(TimeoutException), "OperationTimeout", ErrorCategory.OperationTimeout),
            (typeof(System.IO.FileNotFoundException), "FileNotFound", ErrorCategory.ObjectNotFound),
            (typeof(System.IO.DirectoryNotFoundException), "FileNotFound", ErrorCategory.ObjectNotFound),
            (typeof(System.IO.IOException), "ConnectionFailed", ErrorCategory.ConnectionError),
            (typeof(Libvirt.Engine.Devices.DeviceNotFoundException), "DeviceNotFound", ErrorCategory.ObjectNotFound),
            (typeof(ArgumentException), "InvalidArgument", ErrorCategory.InvalidArgument),
        };

        public static ErrorRecord ToErrorRecord(Exception exception, object? target)
        {
            if (exception is LibvirtException lv)
            {
                var (id, category) = Classify(lv.Code, lv.Domain);
                return new ErrorRecord(lv, id, category, target ?? lv.Target);
            }
            foreach (var (type, id, category) in ByExceptionType)
                if (type.IsInstanceOfType(exception))
                    return new ErrorRecord(exception, id, category, target);
            return new ErrorRecord(exception, "UnexpectedError", ErrorCategory.NotSpecified, target);
        }

        /// <summary>Exceptions a cmdlet reports as errors; anything else is a bug and is left to propagate.</summary>
        public static bool IsReportable(Exception exception) =>
            exception is LibvirtException || ByExceptionType.Any(m => m.Type.IsInstanceOfType(exception));
    }
}
