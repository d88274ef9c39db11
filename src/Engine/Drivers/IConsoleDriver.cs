using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Model;
using Libvirt.Engine.Streams;

namespace Libvirt.Engine.Drivers
{
    /// <summary>A domain's screen, keyboard and serial console (virDomainScreenshot, virDomainSendKey, virDomainOpenConsole).</summary>
    public interface IConsoleDriver
    {
        /// <summary>
        /// Starts a screenshot of <paramref name="screen"/>: the image's mime type as the host names it and the
        /// stream of its bytes, which the caller reads to the end and finishes (or disposes to abort).
        /// </summary>
        Task<DomainScreenshotStream> ScreenshotAsync(DomainIdentity domain, uint screen, CancellationToken cancellationToken);

        /// <summary>Presses <paramref name="keys"/> together for <paramref name="holdTimeMs"/> (0: the hypervisor's default) and releases them.</summary>
        Task SendKeyAsync(DomainIdentity domain, KeyCodeset codeset, uint holdTimeMs, uint[] keys, CancellationToken cancellationToken);

        /// <summary>Opens the serial console <paramref name="device"/> (null: the first): a stream both ways.</summary>
        Task<IDataStream> OpenConsoleAsync(DomainIdentity domain, string? device, bool force, CancellationToken cancellationToken);
    }

    /// <summary>A screenshot being received: the host's mime type and the image's bytes.</summary>
    public sealed class DomainScreenshotStream : System.IDisposable
    {
        public DomainScreenshotStream(string mimeType, IDataStream stream)
        {
            MimeType = mimeType ?? "";
            Stream = stream ?? throw new System.ArgumentNullException(nameof(stream));
        }

        public string MimeType { get; }
        public IDataStream Stream { get; }

        public void Dispose() => Stream.Dispose();
    }

    /// <summary>virKeycodeSet: how the key numbers of a send-key are meant. Values are libvirt's.</summary>
    public enum KeyCodeset
    {
        Linux = 0,
        Xt = 1,
        Atset1 = 2,
        Atset2 = 3,
        Atset3 = 4,
        Osx = 5,
        XtKbd = 6,
        Usb = 7,
        Win32 = 8,
        Qnum = 9,
    }
}
