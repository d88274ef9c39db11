using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Model;
using Libvirt.Engine.TypedParameters;

namespace Libvirt.Tests.Unit.Migration
{
    /// <summary>One call a fake driver received.</summary>
    internal sealed class MigrationCall
    {
        public string Driver = "";
        public string Phase = "";
        public uint Flags;
        public byte[] CookieIn = new byte[0];
        public bool? Cancelled;
        public string? DestinationUri;
        public TypedParameterList Parameters = new TypedParameterList();

        public override string ToString() => Driver + "." + Phase + (Cancelled == true ? "(cancelled)" : "");
    }

    /// <summary>
    /// A scripted IMigrationDriver for orchestration tests: answers each phase with a fixed cookie, records
    /// every call in a log shared by the source and destination fakes, and fails on request.
    /// </summary>
    internal sealed class FakeMigrationDriver : IMigrationDriver
    {
        private readonly string _name;
        private readonly List<MigrationCall> _log;

        public FakeMigrationDriver(string name, List<MigrationCall> log) { _name = name; _log = log; }

        public string BeginXml = "<domain><name>web</name></domain>";
        public byte[] BeginCookie = { 0xB1, 0x00, 0xFF };
        public byte[] PrepareCookie = { 0xC2, 0x01 };
        public string? PrepareUri = "tcp://dst:49152";
        public byte[] PerformCookie = { 0xD3, 0x02, 0x00 };
        public byte[] FinishCookie = { 0xE4 };
        public bool FinishReturnsDomain = true;
        public string? FailPhase;
        public Action<CancellationToken>? DuringPerform;
        public Action? AfterBegin;

        private MigrationCall Record(string phase, uint flags, byte[]? cookie, TypedParameterList? p, bool? cancelled = null, string? uri = null)
        {
            var call = new MigrationCall { Driver = _name, Phase = phase, Flags = flags, CookieIn = cookie ?? new byte[0], Parameters = p ?? new TypedParameterList(), Cancelled = cancelled, DestinationUri = uri };
            _log.Add(call);
            if (FailPhase == phase) throw new LibvirtException(ErrorCode.OperationFailed, ErrorDomain.Qemu, $"operation failed: {_name} {phase} failed");
            return call;
        }

        // Each phase yields first, as a real RPC completes later: the orchestrator must not depend on completed tasks.
        public async Task<MigrationBeginResult> BeginAsync(DomainIdentity domain, TypedParameterList parameters, uint flags, CancellationToken ct)
        {
            await Task.Yield();
            Record("Begin", flags, null, parameters);
            AfterBegin?.Invoke();
            return new MigrationBeginResult(BeginXml, BeginCookie);
        }

        public async Task<MigrationPrepareResult> PrepareAsync(TypedParameterList parameters, byte[] cookieIn, uint flags, CancellationToken ct)
        {
            await Task.Yield();
            Record("Prepare", flags, cookieIn, parameters);
            return new MigrationPrepareResult(PrepareCookie, PrepareUri);
        }

        public async Task<byte[]> PerformAsync(DomainIdentity domain, string? destinationUri, TypedParameterList parameters, byte[] cookieIn, uint flags, CancellationToken ct)
        {
            await Task.Yield();
            Record("Perform", flags, cookieIn, parameters, uri: destinationUri);
            DuringPerform?.Invoke(ct);
            return destinationUri == null ? PerformCookie : new byte[0];
        }

        public async Task<MigrationFinishResult> FinishAsync(TypedParameterList parameters, byte[] cookieIn, uint flags, bool cancelled, CancellationToken ct)
        {
            await Task.Yield();
            Record("Finish", flags, cookieIn, parameters, cancelled);
            var name = parameters.GetString("destination_name") ?? "?";
            return new MigrationFinishResult(FinishReturnsDomain && !cancelled ? new VMDomain { Name = name, Id = 7, Host = _name } : null, FinishCookie);
        }

        public async Task ConfirmAsync(DomainIdentity domain, TypedParameterList parameters, byte[] cookieIn, uint flags, bool cancelled, CancellationToken ct)
        {
            await Task.Yield();
            Record("Confirm", flags, cookieIn, parameters, cancelled);
        }

        public Task SetMaxSpeedAsync(DomainIdentity domain, ulong bandwidthMiBps, bool postcopy, CancellationToken ct) => throw new NotSupportedException();
        public Task SetMaxDowntimeAsync(DomainIdentity domain, ulong downtimeMs, CancellationToken ct) => throw new NotSupportedException();
        public Task StartPostCopyAsync(DomainIdentity domain, CancellationToken ct) => throw new NotSupportedException();
    }
}
