using System;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Drivers.Remote.Protocol;
using Libvirt.Drivers.Remote.Protocol.Procedures;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Model;
using Libvirt.Engine.TypedParameters;

namespace Libvirt.Drivers.Remote
{
    /// <summary>
    /// The migration v3 *_PARAMS phases over RPC (protocol.md §5.4, §6.4). Each phase is exactly one call;
    /// cookies and XML are opaque and pass through byte for byte. The engine drives the sequence.
    /// </summary>
    internal sealed class RemoteMigrationDriver : IMigrationDriver
    {
        private readonly RemoteDriver _driver;

        public RemoteMigrationDriver(RemoteDriver driver) => _driver = driver;

        public async Task<MigrationBeginResult> BeginAsync(DomainIdentity domain, TypedParameterList parameters, uint flags, CancellationToken cancellationToken)
        {
            var reply = await WithParamsProcedures("source", () => _driver.CallAsync(MigrationProcedures.DomainMigrateBegin3Params, new MigrateBeginArgs(domain, parameters, flags), cancellationToken)).ConfigureAwait(false);
            return new MigrationBeginResult(reply.Xml, reply.Cookie);
        }

        public async Task<MigrationPrepareResult> PrepareAsync(TypedParameterList parameters, byte[] cookieIn, uint flags, CancellationToken cancellationToken)
        {
            var reply = await WithParamsProcedures("destination", () => _driver.CallAsync(MigrationProcedures.DomainMigratePrepare3Params, new MigratePrepareArgs(parameters, cookieIn, flags), cancellationToken)).ConfigureAwait(false);
            return new MigrationPrepareResult(reply.Cookie, reply.UriOut);
        }

        /// <summary>
        /// A daemon without the migration *_PARAMS procedures answers "unknown procedure" (NoSupport); say what is
        /// missing instead, before anything has moved: the first phase on each side is where that shows.
        /// </summary>
        private async Task<T> WithParamsProcedures<T>(string side, Func<Task<T>> call)
        {
            try { return await call().ConfigureAwait(false); }
            catch (LibvirtException e) when (e.Code == ErrorCode.NoSupport)
            {
                throw new LibvirtException(ErrorCode.NoSupport, e.Domain,
                    $"The {side} host ({_driver.Uri}) cannot migrate with typed parameters: its libvirt lacks the migration " +
                    "*_PARAMS procedures (added in libvirt 1.1.0), which this module needs. Nothing was moved.", e) { Target = _driver.Uri.OriginalString };
            }
        }

        /// <summary>
        /// Perform holds the call until the data has moved. Cancelling must not just stop waiting (the migration
        /// would go on without us): it aborts the source's job, as virsh's Ctrl+C does, and then waits for
        /// Perform to come back with the abort, so the source has recovered before the caller goes on.
        /// </summary>
        public async Task<byte[]> PerformAsync(DomainIdentity domain, string? destinationUri, TypedParameterList parameters, byte[] cookieIn, uint flags, CancellationToken cancellationToken)
        {
            var perform = _driver.CallAsync(MigrationProcedures.DomainMigratePerform3Params, new MigratePerformArgs(domain, destinationUri, parameters, cookieIn, flags), CancellationToken.None);
            using (cancellationToken.Register(() => _ = AbortUntilDone(domain, perform)))
                return await perform.ConfigureAwait(false);
        }

        private static readonly TimeSpan AbortRetryInterval = TimeSpan.FromMilliseconds(200);

        // The job may not have started yet when the abort arrives ("no job is active"): try again until Perform ends.
        private async Task AbortUntilDone(DomainIdentity domain, Task perform)
        {
            while (!perform.IsCompleted)
            {
                try { await _driver.AbortJobAsync(domain, CancellationToken.None).ConfigureAwait(false); }
                catch (LibvirtException) when (!perform.IsCompleted) { }
                catch (LibvirtException) { return; }
                // WhenAny, not await perform: that throws once Perform has failed, which is what an abort makes it do.
                await Task.WhenAny(perform, Task.Delay(AbortRetryInterval)).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// With cancelled = true the destination cleans up and answers with an error instead of a domain; that
        /// is the expected outcome, so it becomes a null Domain. Without cancelled, a failure is thrown.
        /// </summary>
        public async Task<MigrationFinishResult> FinishAsync(TypedParameterList parameters, byte[] cookieIn, uint flags, bool cancelled, CancellationToken cancellationToken)
        {
            MigrateFinishReply reply;
            try
            {
                reply = await _driver.CallAsync(MigrationProcedures.DomainMigrateFinish3Params, new MigrateFinishArgs(parameters, cookieIn, flags, cancelled), cancellationToken).ConfigureAwait(false);
            }
            catch (LibvirtException) when (cancelled)
            {
                return new MigrationFinishResult(null, Array.Empty<byte>());
            }
            VMDomain domain;
            try { domain = await _driver.GetAsync(reply.Domain, cancellationToken).ConfigureAwait(false); }
            catch (LibvirtException) { domain = DomainSnapshot.FromIdentity(reply.Domain, "", _driver.Uri.OriginalString); }
            return new MigrationFinishResult(domain, reply.Cookie);
        }

        public Task ConfirmAsync(DomainIdentity domain, TypedParameterList parameters, byte[] cookieIn, uint flags, bool cancelled, CancellationToken cancellationToken) =>
            _driver.CallAsync(MigrationProcedures.DomainMigrateConfirm3Params, new MigrateConfirmArgs(domain, parameters, cookieIn, flags, cancelled), cancellationToken);

        public Task SetMaxSpeedAsync(DomainIdentity domain, ulong bandwidthMiBps, bool postcopy, CancellationToken cancellationToken) =>
            _driver.CallAsync(MigrationProcedures.DomainMigrateSetMaxSpeed, new DomainLimitArgs(domain, bandwidthMiBps, postcopy ? WireFlags.MaxSpeedPostcopy : 0u), cancellationToken);

        public Task SetMaxDowntimeAsync(DomainIdentity domain, ulong downtimeMs, CancellationToken cancellationToken) =>
            _driver.CallAsync(MigrationProcedures.DomainMigrateSetMaxDowntime, new DomainLimitArgs(domain, downtimeMs, 0u), cancellationToken);

        public Task StartPostCopyAsync(DomainIdentity domain, CancellationToken cancellationToken) =>
            _driver.CallAsync(MigrationProcedures.DomainMigrateStartPostCopy, new DomainAndFlags(domain, 0u), cancellationToken);
    }
}
