using System;

namespace Libvirt.Engine.Errors
{
    /// <summary>
    /// The one exception type of the engine. It carries libvirt's error number and error domain, exactly as
    /// a daemon sends them in remote_error, so callers match on codes and never on message text.
    /// </summary>
    [Serializable]
    public class LibvirtException : Exception
    {
        public LibvirtException(ErrorCode code, ErrorDomain domain, string message, Exception? inner = null)
            : base(message, inner)
        {
            Code = code;
            Domain = domain;
        }

        public ErrorCode Code { get; }

        public ErrorDomain Domain { get; }

        /// <summary>The object the error is about (a domain name, a URI, a parameter key), when known.</summary>
        public string? Target { get; set; }

        public bool IsNotFound => Code == ErrorCode.NoDomain;

        public override string ToString() => $"{Message} (code {(int)Code} {Code}, domain {(int)Domain} {Domain})";

        // Factories for the errors the engine and the drivers raise themselves; the remote driver builds
        // instances from remote_error directly with the daemon's code, domain and message.
        public static LibvirtException NoDomain(string what, ErrorDomain domain = ErrorDomain.Domain) =>
            new LibvirtException(ErrorCode.NoDomain, domain, $"Domain not found: {what}") { Target = what };

        public static LibvirtException OperationInvalid(string message, ErrorDomain domain = ErrorDomain.Domain, string? target = null) =>
            new LibvirtException(ErrorCode.OperationInvalid, domain, "Requested operation is not valid: " + message) { Target = target };

        public static LibvirtException InvalidArg(string message, ErrorDomain domain = ErrorDomain.Domain, string? target = null) =>
            new LibvirtException(ErrorCode.InvalidArg, domain, "invalid argument: " + message) { Target = target };

        public static LibvirtException NoSupport(string what, ErrorDomain domain = ErrorDomain.Domain) =>
            new LibvirtException(ErrorCode.NoSupport, domain, "this function is not supported by the connection driver: " + what);

        public static LibvirtException Internal(string message, ErrorDomain domain = ErrorDomain.None) =>
            new LibvirtException(ErrorCode.InternalError, domain, "internal error: " + message);
    }
}
