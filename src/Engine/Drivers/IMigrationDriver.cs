using System.Threading;
using Libvirt.Engine.Model;
using Libvirt.Engine.TypedParameters;

namespace Libvirt.Engine.Drivers
{
    /// <summary>
    /// The five phases of libvirt's migration protocol v3 with typed parameters (the *_PARAMS procedures),
    /// plus live tuning. The engine drives them across two drivers: Begin on the source, Prepare on the
    /// destination, Perform on the source, Finish on the destination, Confirm on the source. Cookies pass
    /// through the engine byte for byte.
    /// </summary>
    public interface IMigrationDriver
    {
        MigrationBeginResult Begin(DomainIdentity domain, TypedParameterList parameters, uint flags, CancellationToken cancellationToken);

        MigrationPrepareResult Prepare(TypedParameterList parameters, byte[] cookieIn, uint flags, CancellationToken cancellationToken);

        /// <summary>Moves the data. With PEER2PEER, destinationUri names the destination for the source daemon.</summary>
        byte[] Perform(DomainIdentity domain, string? destinationUri, TypedParameterList parameters, byte[] cookieIn, uint flags, CancellationToken cancellationToken);

        /// <summary>Returns the domain on the destination, or null when the migration did not complete there.</summary>
        MigrationFinishResult Finish(TypedParameterList parameters, byte[] cookieIn, uint flags, bool cancelled, CancellationToken cancellationToken);

        void Confirm(DomainIdentity domain, TypedParameterList parameters, byte[] cookieIn, uint flags, bool cancelled, CancellationToken cancellationToken);

        void SetMaxSpeed(DomainIdentity domain, ulong bandwidthMiBps, bool postcopy, CancellationToken cancellationToken);
        void SetMaxDowntime(DomainIdentity domain, ulong downtimeMs, CancellationToken cancellationToken);
        void StartPostCopy(DomainIdentity domain, CancellationToken cancellationToken);
    }

    public sealed class MigrationBeginResult
    {
        public MigrationBeginResult(string xml, byte[] cookie) { Xml = xml; Cookie = cookie; }
        public string Xml { get; }
        public byte[] Cookie { get; }
    }

    public sealed class MigrationPrepareResult
    {
        public MigrationPrepareResult(byte[] cookie, string? uri) { Cookie = cookie; Uri = uri; }
        public byte[] Cookie { get; }
        /// <summary>The migrate URI the destination chose, when the caller gave none.</summary>
        public string? Uri { get; }
    }

    public sealed class MigrationFinishResult
    {
        public MigrationFinishResult(VMDomain? domain, byte[] cookie) { Domain = domain; Cookie = cookie; }
        public VMDomain? Domain { get; }
        public byte[] Cookie { get; }
    }
}
