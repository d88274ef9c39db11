using System;
using System.IO;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Drivers.Remote.Transport.Pki;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Uris;

namespace Libvirt.Drivers.Remote.Transport
{
    /// <summary>
    /// +tls (the default with a host): TCP to port 16514, a TLS handshake presenting the x509 client
    /// certificate from libvirt's locations (<see cref="PkiFiles"/>), the server's certificate checked against
    /// the CA file and the URI's host name unless ?no_verify=1, and then the daemon's one-byte confirmation
    /// (0x01 once it accepted the client) before any RPC.
    /// </summary>
    internal sealed class TlsTransport : ITransport
    {
        public const int DefaultPort = 16514;
        private const byte ConfirmationByte = 1;

        private readonly string _host;
        private readonly int _port;
        private readonly PkiFiles _files;
        private readonly bool _noVerify;
        private readonly TimeSpan _timeout;
        private readonly Action<string>? _warning;
        private readonly Action<string>? _verbose;

        public TlsTransport(LibvirtUri uri, PkiFiles files, TimeSpan timeout, Action<string>? warning, Action<string>? verbose)
        {
            _host = uri.Host!;
            _port = uri.Port ?? DefaultPort;
            _files = files;
            _noVerify = uri.GetQueryFlag("no_verify");
            _timeout = timeout;
            _warning = warning;
            _verbose = verbose;
        }

        public string Description => "tls " + TcpConnector.Describe(_host, _port);
        public bool IsSecure => true;

        public async Task<Stream> ConnectAsync(CancellationToken cancellationToken)
        {
            // Files first: a missing certificate is reported before any network traffic.
            ServerCertificateValidator? validator = null;
            if (!_noVerify) validator = new ServerCertificateValidator(ClientCredentials.LoadCaBundle(_files.CaFile));
            else _warning?.Invoke($"TLS server certificate verification is turned off for {TcpConnector.Describe(_host, _port)} (no_verify=1): the connection can be intercepted.");
            var clientCertificate = ClientCredentials.LoadClientCertificate(_files.CertFile, _files.KeyFile);
            _verbose?.Invoke($"TLS client certificate '{_files.CertFile}' (subject '{clientCertificate.Subject}'), CA file '{_files.CaFile}' ({_files.Origin} locations)");

            var tcp = await TcpConnector.ConnectAsync(_host, _port, _timeout, cancellationToken).ConfigureAwait(false);
            string? refusal = null;
            var ssl = new SslStream(new System.Net.Sockets.NetworkStream(tcp.Client, ownsSocket: true), leaveInnerStreamOpen: false,
                (sender, certificate, chain, errors) =>
                {
                    if (validator == null) return true;
                    refusal = validator.Check(certificate, errors);
                    return refusal == null;
                },
                (sender, targetHost, localCertificates, remoteCertificate, acceptableIssuers) => clientCertificate);
            try
            {
                var handshake = ssl.AuthenticateAsClientAsync(_host, new X509CertificateCollection { clientCertificate }, SslProtocols.None, checkCertificateRevocation: false);
                await WithTimeout(handshake, "the TLS handshake", cancellationToken).ConfigureAwait(false);
                var confirmation = new byte[1];
                var read = await WithTimeout(ssl.ReadAsync(confirmation, 0, 1, cancellationToken), "the daemon's TLS confirmation", cancellationToken).ConfigureAwait(false);
                if (read != 1 || confirmation[0] != ConfirmationByte)
                    throw new LibvirtException(ErrorCode.Rpc, ErrorDomain.Rpc,
                        read == 1
                            ? $"The daemon at {TcpConnector.Describe(_host, _port)} sent {confirmation[0]} instead of its TLS confirmation: it refused this client."
                            : $"The daemon at {TcpConnector.Describe(_host, _port)} closed the connection after the TLS handshake: it refused the client certificate '{_files.CertFile}' (check the daemon's tls_allowed_dn_list and CA).")
                    { Target = TcpConnector.Describe(_host, _port) };
                _verbose?.Invoke($"TLS session with {TcpConnector.Describe(_host, _port)}: {ssl.SslProtocol}, cipher {ssl.CipherAlgorithm}");
                return new OwningStream(ssl, clientCertificate);
            }
            catch (Exception e) when (e is AuthenticationException || e is IOException)
            {
                ssl.Dispose();
                clientCertificate.Dispose();
                if (refusal != null)
                    throw new LibvirtException(ErrorCode.GnutlsError, ErrorDomain.Rpc,
                        $"The server certificate of {TcpConnector.Describe(_host, _port)} is not trusted: {refusal} (CA file '{_files.CaFile}'). Add ?no_verify=1 to skip this check (insecure).", e)
                    { Target = TcpConnector.Describe(_host, _port) };
                throw new LibvirtException(ErrorCode.GnutlsError, ErrorDomain.Rpc,
                    $"TLS handshake with {TcpConnector.Describe(_host, _port)} failed: {Flatten(e)}", e) { Target = TcpConnector.Describe(_host, _port) };
            }
            catch
            {
                ssl.Dispose();
                clientCertificate.Dispose();
                throw;
            }
        }

        private async Task<T> WithTimeout<T>(Task<T> task, string what, CancellationToken ct)
        {
            await WithTimeout((Task)task, what, ct).ConfigureAwait(false);
            return await task.ConfigureAwait(false);
        }

        private async Task WithTimeout(Task task, string what, CancellationToken ct)
        {
            var delay = _timeout > TimeSpan.Zero ? _timeout : Timeout.InfiniteTimeSpan;
            if (await Task.WhenAny(task, Task.Delay(delay, ct)).ConfigureAwait(false) != task)
            {
                _ = task.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
                ct.ThrowIfCancellationRequested();
                throw new LibvirtException(ErrorCode.OperationTimeout, ErrorDomain.Rpc,
                    $"Timed out after {_timeout.TotalSeconds:0.#} s waiting for {what} with {TcpConnector.Describe(_host, _port)}.") { Target = TcpConnector.Describe(_host, _port) };
            }
            await task.ConfigureAwait(false);
        }

        private static string Flatten(Exception e)
        {
            var message = e.Message;
            for (var inner = e.InnerException; inner != null; inner = inner.InnerException)
                if (!message.Contains(inner.Message)) message += " " + inner.Message;
            return message;
        }
    }

    /// <summary>A stream that also disposes what it depends on (here: the client certificate and its key).</summary>
    internal sealed class OwningStream : Stream
    {
        private readonly Stream _inner;
        private readonly IDisposable _owned;

        public OwningStream(Stream inner, IDisposable owned) { _inner = inner; _owned = owned; }

        public override bool CanRead => _inner.CanRead;
        public override bool CanSeek => false;
        public override bool CanWrite => _inner.CanWrite;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => _inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _inner.ReadAsync(buffer, offset, count, cancellationToken);
        public override void Write(byte[] buffer, int offset, int count) => _inner.Write(buffer, offset, count);
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _inner.WriteAsync(buffer, offset, count, cancellationToken);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
                _owned.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
