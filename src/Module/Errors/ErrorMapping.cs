using System;
using System.Collections.Generic;
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

        public static ErrorRecord ToErrorRecord(Exception exception, object? target)
        {
            switch (exception)
            {
                case LibvirtException lv:
                    var (id, category) = Classify(lv.Code);
                    return new ErrorRecord(lv, id, category, target ?? lv.Target);
                case NoHostException nh:
                    return new ErrorRecord(nh, "NoHostConnected", ErrorCategory.ConnectionError, target);
                case OperationCanceledException oc:
                    return new ErrorRecord(oc, "OperationStopped", ErrorCategory.OperationStopped, target);
                case System.IO.FileNotFoundException fnf:
                    return new ErrorRecord(fnf, "FileNotFound", ErrorCategory.ObjectNotFound, target);
                case System.IO.DirectoryNotFoundException dnf:
                    return new ErrorRecord(dnf, "FileNotFound", ErrorCategory.ObjectNotFound, target);
                case System.IO.IOException io:
                    return new ErrorRecord(io, "ConnectionFailed", ErrorCategory.ConnectionError, target);
                case ArgumentException arg:
                    return new ErrorRecord(arg, "InvalidArgument", ErrorCategory.InvalidArgument, target);
                default:
                    return new ErrorRecord(exception, "UnexpectedError", ErrorCategory.NotSpecified, target);
            }
        }

        /// <summary>Exceptions a cmdlet reports as errors; anything else is a bug and is left to propagate.</summary>
        public static bool IsReportable(Exception exception) =>
            exception is LibvirtException || exception is NoHostException || exception is OperationCanceledException
            || exception is System.IO.IOException || exception is ArgumentException || exception is TimeoutException;
    }
}
