using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
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

        public MigrationBeginResult Begin(DomainIdentity domain, TypedParameterList parameters, uint flags, CancellationToken ct)
        {
            Record("Begin", flags, null, parameters);
            AfterBegin?.Invoke();
            return new MigrationBeginResult(BeginXml, BeginCookie);
        }

        public MigrationPrepareResult Prepare(TypedParameterList parameters, byte[] cookieIn, uint flags, CancellationToken ct)
        {
            Record("Prepare", flags, cookieIn, parameters);
            return new MigrationPrepareResult(PrepareCookie, PrepareUri);
        }

        public byte[] Perform(DomainIdentity domain, string? destinationUri, TypedParameterList parameters, byte[] cookieIn, uint flags, CancellationToken ct)
        {
            Record("Perform", flags, cookieIn, parameters, uri: destinationUri);
            DuringPerform?.Invoke(ct);
            return destinationUri == null ? PerformCookie : new byte[0];
        }

        public MigrationFinishResult Finish(TypedParameterList parameters, byte[] cookieIn, uint flags, bool cancelled, CancellationToken ct)
        {
            Record("Finish", flags, cookieIn, parameters, cancelled);
            var name = parameters.GetString("destination_name") ?? "?";
            return new MigrationFinishResult(FinishReturnsDomain && !cancelled ? new VMDomain { Name = name, Id = 7, Host = _name } : null, FinishCookie);
        }

        public void Confirm(DomainIdentity domain, TypedParameterList parameters, byte[] cookieIn, uint flags, bool cancelled, CancellationToken ct) =>
            Record("Confirm", flags, cookieIn, parameters, cancelled);

        public void SetMaxSpeed(DomainIdentity domain, ulong bandwidthMiBps, bool postcopy, CancellationToken ct) => throw new NotSupportedException();
        public void SetMaxDowntime(DomainIdentity domain, ulong downtimeMs, CancellationToken ct) => throw new NotSupportedException();
        public void StartPostCopy(DomainIdentity domain, CancellationToken ct) => throw new NotSupportedException();
    }
}
