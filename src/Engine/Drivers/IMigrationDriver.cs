using System.Threading;
using System.Threading.Tasks;
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
        Task<MigrationBeginResult> BeginAsync(DomainIdentity domain, TypedParameterList parameters, uint flags, CancellationToken cancellationToken);

        Task<MigrationPrepareResult> PrepareAsync(TypedParameterList parameters, byte[] cookieIn, uint flags, CancellationToken cancellationToken);

        /// <summary>Moves the data. With PEER2PEER, destinationUri names the destination for the source daemon.</summary>
        Task<byte[]> PerformAsync(DomainIdentity domain, string? destinationUri, TypedParameterList parameters, byte[] cookieIn, uint flags, CancellationToken cancellationToken);

        /// <summary>Returns the domain on the destination, or null when the migration did not complete there.</summary>
        Task<MigrationFinishResult> FinishAsync(TypedParameterList parameters, byte[] cookieIn, uint flags, bool cancelled, CancellationToken cancellationToken);

        Task ConfirmAsync(DomainIdentity domain, TypedParameterList parameters, byte[] cookieIn, uint flags, bool cancelled, CancellationToken cancellationToken);

        Task SetMaxSpeedAsync(DomainIdentity domain, ulong bandwidthMiBps, bool postcopy, CancellationToken cancellationToken);
        Task SetMaxDowntimeAsync(DomainIdentity domain, ulong downtimeMs, CancellationToken cancellationToken);
        Task StartPostCopyAsync(DomainIdentity domain, CancellationToken cancellationToken);
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
