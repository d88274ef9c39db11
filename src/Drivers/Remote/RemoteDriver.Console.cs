using System.Threading;
using System.Threading.Tasks;
using Libvirt.Drivers.Remote.Protocol.Procedures;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Model;
using Libvirt.Engine.Streams;

namespace Libvirt.Drivers.Remote
{
    /// <summary>Screen, keys and serial console: screenshot and console open streams (RpcStream).</summary>
    public sealed partial class RemoteDriver : IConsoleDriver
    {
        /// <summary>VIR_DOMAIN_CONSOLE_FORCE: take the console from another client.</summary>
        private const uint ConsoleForce = 1;

        public async Task<DomainScreenshotStream> ScreenshotAsync(DomainIdentity domain, uint screen, CancellationToken cancellationToken)
        {
            var (mime, stream) = await _client.OpenStreamAsync(ConsoleProcedures.DomainScreenshot, new ScreenshotArgs(domain, screen), cancellationToken).ConfigureAwait(false);
            return new DomainScreenshotStream(mime ?? "", stream);
        }

        public Task SendKeyAsync(DomainIdentity domain, KeyCodeset codeset, uint holdTimeMs, uint[] keys, CancellationToken cancellationToken) =>
            _client.CallAsync(ConsoleProcedures.DomainSendKey, new SendKeyArgs(domain, (uint)codeset, holdTimeMs, keys), cancellationToken);

        public async Task<IDataStream> OpenConsoleAsync(DomainIdentity domain, string? device, bool force, CancellationToken cancellationToken)
        {
            var (_, stream) = await _client.OpenStreamAsync(ConsoleProcedures.DomainOpenConsole, new ConsoleArgs(domain, device, force ? ConsoleForce : 0), cancellationToken).ConfigureAwait(false);
            return stream;
        }
    }
}
