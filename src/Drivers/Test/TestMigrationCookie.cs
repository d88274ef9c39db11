using System;
using System.Collections.Generic;
using System.Text;
using Libvirt.Engine.Errors;

namespace Libvirt.Drivers.Test
{
    /// <summary>
    /// The cookies the test driver passes between migration phases (opaque bytes to the engine, as libvirt's
    /// are): which host holds which side of the migration of which domain.
    /// </summary>
    internal sealed class TestMigrationCookie
    {
        private const string Magic = "libvirt-ps-test-migration";

        public TestMigrationCookie(string phase, string host, Guid uuid) { Phase = phase; Host = host; Uuid = uuid; }

        public string Phase { get; }
        /// <summary>The registry path of the host that wrote the cookie.</summary>
        public string Host { get; }
        public Guid Uuid { get; }

        public byte[] ToBytes() => Encoding.UTF8.GetBytes($"{Magic}\nphase={Phase}\nhost={Host}\nuuid={Uuid:D}\n");

        /// <summary>Reads a cookie written in one of <paramref name="phases"/>.</summary>
        public static TestMigrationCookie Parse(byte[]? bytes, params string[] phases)
        {
            var expectedPhase = string.Join(" or ", phases);
            var values = new Dictionary<string, string>();
            var lines = bytes == null ? Array.Empty<string>() : Encoding.UTF8.GetString(bytes).Split('\n');
            if (lines.Length == 0 || lines[0] != Magic)
                throw new LibvirtException(ErrorCode.InvalidArg, ErrorDomain.Test, $"invalid argument: missing or foreign migration cookie in the {expectedPhase} phase");
            foreach (var line in lines)
            {
                var eq = line.IndexOf('=');
                if (eq > 0) values[line.Substring(0, eq)] = line.Substring(eq + 1);
            }
            if (!values.TryGetValue("phase", out var phase) || Array.IndexOf(phases, phase) < 0
                || !values.TryGetValue("host", out var host) || !values.TryGetValue("uuid", out var uuid) || !Guid.TryParse(uuid, out var g))
                throw new LibvirtException(ErrorCode.InvalidArg, ErrorDomain.Test, $"invalid argument: migration cookie is not from the {expectedPhase} phase");
            return new TestMigrationCookie(phase, host, g);
        }
    }
}
