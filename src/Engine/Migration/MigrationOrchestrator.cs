using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Model;
using Libvirt.Engine.TypedParameters;

namespace Libvirt.Engine.Migration
{
    /// <summary>
    /// Drives a migration through <see cref="IMigrationDriver"/> the way libvirt's client library does
    /// (virDomainMigrateVersion3Full with typed parameters, and virDomainMigrateToURI3 for peer-to-peer):
    /// <list type="bullet">
    /// <item>Managed: Begin (source) → Prepare (destination, destination_xml = Begin's XML) → Perform (source,
    /// migrate_uri = Prepare's URI) → Finish (destination, destination_name added) → Confirm (source). Cookies
    /// pass byte for byte from each phase to the next.</item>
    /// <item>Prepare fails: Confirm(cancelled) on the source when change protection is on; nothing else.</item>
    /// <item>Perform fails (including cancellation, which aborts the job): Finish(cancelled) on the destination
    /// with an empty cookie; no Confirm, because the source already recovered (libvirt skips it too).</item>
    /// <item>Finish returns no domain: Confirm(cancelled) on the source, which resumes the domain there.</item>
    /// <item>Cancelled before Prepare: Confirm(cancelled) on the source; cancelled between Prepare and Perform:
    /// Finish(cancelled) then Confirm(cancelled).</item>
    /// <item>Offline: Perform is skipped and Finish runs with an empty cookie.</item>
    /// <item>Peer-to-peer: one Perform on the source with the destination URI.</item>
    /// </list>
    /// Parameters are validated against the tables (and the hosts' releases) before anything is sent.
    /// Clean-up calls run with <see cref="CancellationToken.None"/> so that they happen even after Ctrl+C.
    /// </summary>
    public sealed class MigrationOrchestrator
    {
        private static readonly byte[] NoCookie = new byte[0];

        // libvirt's client does not pass these to the destination's Prepare and Finish.
        private const uint SourceOnlyFlags = (uint)(MigrationFlag.AbortOnError | MigrationFlag.AutoConverge);

        public async Task<MigrationOutcome> MigrateAsync(MigrationRequest request, CancellationToken cancellationToken = default)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            var set = request.Parameters;
            MigrationValidator.Validate(set, request.SourceVersion, "source", request.SourceQemuVersion);
            // Each parameter is checked against the side that receives it. In a managed migration the client
            // hands every parameter to both daemons (libvirt's client does, and a 9.0 destination refuses a
            // parameter it does not know); peer to peer, the source daemon gives the destination only what it
            // needs, and refuses what that one cannot take itself. So the destination's version counts only
            // for managed migrations, whether or not its connection happens to be open (-PassThru, -Destination).
            if (request.Mode == MigrationMode.Managed)
                MigrationValidator.Validate(set, request.DestinationVersion, "destination", request.DestinationQemuVersion);
            cancellationToken.ThrowIfCancellationRequested();
            return request.Mode == MigrationMode.PeerToPeer
                ? await PeerToPeer(request, cancellationToken).ConfigureAwait(false)
                : await Managed(request, cancellationToken).ConfigureAwait(false);
        }

        private static async Task<MigrationOutcome> PeerToPeer(MigrationRequest request, CancellationToken ct)
        {
            if (string.IsNullOrEmpty(request.DestinationUri))
                throw MigrationErrors.Create(ErrorCode.InvalidArg, "peer-to-peer migration needs the destination's libvirt URI", "DestinationUri");
            request.Log?.Invoke($"Perform on source (peer-to-peer to {request.DestinationUri})");
            await request.Source.PerformAsync(request.Domain, request.DestinationUri, request.Parameters.ToTypedParameters(), NoCookie, request.Parameters.Flags, ct).ConfigureAwait(false);
            return new MigrationOutcome(MigrationMode.PeerToPeer, null, Array.Empty<string>());
        }

        private static async Task<MigrationOutcome> Managed(MigrationRequest request, CancellationToken ct)
        {
            var source = request.Source;
            var destination = request.Destination
                ?? throw MigrationErrors.Create(ErrorCode.InvalidArg, "managed migration needs a connection to the destination", "Destination");
            var domain = request.Domain;
            var flags = request.Parameters.Flags;
            var protection = request.SourceSupportsChangeProtection ? (uint)MigrationFlag.ChangeProtection : 0u;
            var sourceFlags = flags | protection;
            var destinationFlags = flags & ~SourceOnlyFlags;
            var protectionOn = (sourceFlags & (uint)MigrationFlag.ChangeProtection) != 0;
            var parameters = request.Parameters.ToTypedParameters();
            var warnings = new List<string>();
            ExceptionDispatchInfo? error = null;
            var log = request.Log;

            // Begin and Prepare run to the end even after Ctrl+C, as in libvirt's client: stopping the wait would
            // leave the daemons with a job (source) or a paused incoming guest (destination) nobody cleans up.
            // Cancellation is looked at between phases and takes the clean-up paths below.
            log?.Invoke("Begin on source");
            var begin = await source.BeginAsync(domain, parameters, sourceFlags, CancellationToken.None).ConfigureAwait(false);

            MigrationPrepareResult prepare;
            try
            {
                ct.ThrowIfCancellationRequested();
                log?.Invoke("Prepare on destination");
                prepare = await destination.PrepareAsync(Replace(parameters, MigrationKeys.DestinationXml, begin.Xml), begin.Cookie, destinationFlags, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (protectionOn)
            {
                // The source holds a migration job since Begin; tell it the migration is off.
                await Confirm(request, parameters, NoCookie, sourceFlags, cancelled: true, warnings).ConfigureAwait(false);
                ExceptionDispatchInfo.Capture(e).Throw();
                throw; // not reached
            }

            byte[] finishCookie;
            bool cancelled;
            var notifySource = true;
            if ((flags & (uint)MigrationFlag.Offline) != 0)
            {
                log?.Invoke("Offline migration: no Perform");
                finishCookie = NoCookie;
                cancelled = false;
            }
            else
            {
                if (prepare.Uri != null)
                    parameters = Replace(parameters, MigrationKeys.MigrateUri, prepare.Uri);
                if (prepare.Uri == null && parameters.Find(MigrationKeys.MigrateUri) == null)
                {
                    error = ExceptionDispatchInfo.Capture(MigrationErrors.Create(ErrorCode.InternalError, "domainMigratePrepare3 did not set uri", MigrationKeys.MigrateUri));
                    finishCookie = prepare.Cookie;
                    cancelled = true;
                }
                else if (ct.IsCancellationRequested)
                {
                    error = ExceptionDispatchInfo.Capture(new OperationCanceledException(ct));
                    finishCookie = prepare.Cookie;
                    cancelled = true;
                }
                else
                {
                    try
                    {
                        log?.Invoke("Perform on source");
                        finishCookie = await source.PerformAsync(domain, null, parameters, prepare.Cookie, sourceFlags, ct).ConfigureAwait(false) ?? NoCookie;
                        cancelled = false;
                    }
                    catch (Exception e)
                    {
                        // The source recovered by itself when Perform failed; only the destination needs telling.
                        error = ExceptionDispatchInfo.Capture(e);
                        finishCookie = NoCookie;
                        cancelled = true;
                        notifySource = false;
                    }
                }
            }

            var finishParameters = parameters.Find(MigrationKeys.DestinationName) == null
                ? Replace(parameters, MigrationKeys.DestinationName, domain.Name)
                : parameters;
            VMDomain? migrated = null;
            var confirmCookie = NoCookie;
            try
            {
                log?.Invoke(cancelled ? "Finish on destination (cancelled)" : "Finish on destination");
                var finish = await destination.FinishAsync(finishParameters, finishCookie, destinationFlags, cancelled, CancellationToken.None).ConfigureAwait(false);
                migrated = finish.Domain;
                confirmCookie = finish.Cookie ?? NoCookie;
                if (cancelled && migrated != null) warnings.Add("finish step ignored that migration was cancelled");
            }
            catch (Exception e)
            {
                // A bare "connection closed" would not say which host failed or where the domain is now.
                error ??= ExceptionDispatchInfo.Capture(cancelled ? e : FinishFailed(request, e));
            }

            if (notifySource)
                await Confirm(request, parameters, confirmCookie, sourceFlags, cancelled: migrated == null, warnings).ConfigureAwait(false);

            if (migrated != null) return new MigrationOutcome(MigrationMode.Managed, migrated, warnings);
            error?.Throw();
            throw MigrationErrors.Create(ErrorCode.OperationFailed, $"migration of domain '{domain.Name}' failed: the destination did not start it", domain.Name);
        }

        private static Exception FinishFailed(MigrationRequest request, Exception e)
        {
            var where = string.IsNullOrEmpty(request.DestinationUri) ? "the destination" : $"the destination {request.DestinationUri}";
            var message = $"Finish on {where} failed, so the migration of domain '{request.Domain.Name}' is cancelled and the source keeps it: {e.Message}";
            return e is LibvirtException le
                ? new LibvirtException(le.Code, le.Domain, message, e) { Target = request.Domain.Name }
                : new LibvirtException(ErrorCode.OperationFailed, ErrorDomain.Domain, message, e) { Target = request.Domain.Name };
        }

        private static async Task Confirm(MigrationRequest request, TypedParameterList parameters, byte[] cookie, uint flags, bool cancelled, List<string> warnings)
        {
            try
            {
                request.Log?.Invoke(cancelled ? "Confirm on source (cancelled)" : "Confirm on source");
                await request.Source.ConfirmAsync(request.Domain, parameters, cookie, flags, cancelled, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                warnings.Add($"Confirm on the source failed; domain '{request.Domain.Name}' is probably left paused there: {e.Message}");
            }
        }

        /// <summary>A copy of the list with every <paramref name="field"/> replaced by one string value.</summary>
        private static TypedParameterList Replace(TypedParameterList list, string field, string value) =>
            new TypedParameterList(list.Where(p => p.Field != field).Concat(new[] { TypedParameter.String(field, value) }));
    }
}
