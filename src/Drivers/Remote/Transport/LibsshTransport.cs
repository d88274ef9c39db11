using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Uris;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Libvirt.Drivers.Remote.Transport
{
    /// <summary>
    /// +libssh (and +libssh2): SSH inside the process (SSH.NET), running the same remote command as +ssh and
    /// speaking RPC over the exec channel. The server's host key is checked against ?known_hosts= (default
    /// ~/.ssh/known_hosts) as ?known_hosts_verify= says: normal (default) refuses unknown and changed keys,
    /// auto adds an unknown host's key to the file but still refuses a changed one, ignore accepts any key
    /// (with a warning). Authentication follows ?sshauth= (default privkey,password,keyboard-interactive;
    /// agent is not available): the key from ?keyfile= (else ~/.ssh/id_ed25519, id_ecdsa, id_rsa), and the
    /// password of -Credential for password and keyboard-interactive (and as the key's passphrase when the
    /// key is encrypted). The user is the URI's, else the credential's, else the current user.
    /// </summary>
    internal sealed class LibsshTransport : ITransport
    {
        public const int DefaultPort = 22;
        private static readonly string[] DefaultAuthOrder = { "privkey", "password", "keyboard-interactive" };

        private readonly LibvirtUri _uri;
        private readonly string _host;
        private readonly int _port;
        private readonly string _user;
        private readonly NetworkCredential? _credential;
        private readonly string _remoteCommand;
        private readonly TimeSpan _timeout;
        private readonly Action<string>? _warning;
        private readonly Action<string>? _verbose;
        private readonly string _knownHostsFile;
        private readonly string _verifyMode;

        public LibsshTransport(LibvirtUri uri, NetworkCredential? credential, bool readOnly, TimeSpan timeout, Action<string>? warning, Action<string>? verbose)
        {
            _uri = uri;
            _host = uri.Host!;
            _port = uri.Port ?? DefaultPort;
            _credential = credential;
            _user = !string.IsNullOrEmpty(uri.User) ? uri.User!
                : !string.IsNullOrEmpty(credential?.UserName) ? credential!.UserName
                : Environment.UserName;
            _remoteCommand = SshRemoteCommand.Build(uri, readOnly);
            _timeout = timeout;
            _warning = warning;
            _verbose = verbose;
            _knownHostsFile = uri.GetQueryValue("known_hosts") is string k && k.Length > 0 ? k
                : Path.Combine(HomeDirectory(), ".ssh", "known_hosts");
            _verifyMode = (uri.GetQueryValue("known_hosts_verify") ?? "normal").ToLowerInvariant();
            if (_verifyMode != "normal" && _verifyMode != "auto" && _verifyMode != "ignore")
                throw new LibvirtException(ErrorCode.InvalidArg, ErrorDomain.Remote,
                    $"Unknown known_hosts_verify '{_verifyMode}' in '{uri}' (expected normal, auto or ignore).") { Target = uri.OriginalString };
        }

        public string Description => $"libssh {_user}@{TcpConnector.Describe(_host, _port)}";
        public bool IsSecure => true;
        internal string RemoteCommand => _remoteCommand;

        public async Task<Stream> ConnectAsync(CancellationToken cancellationToken)
        {
            var methods = AuthenticationMethods(out var tried);
            var info = new ConnectionInfo(_host, _port, _user, methods.ToArray());
            if (_timeout > TimeSpan.Zero) info.Timeout = _timeout;
            var client = new SshClient(info);
            string? hostKeyRefusal = null;
            client.HostKeyReceived += (sender, e) =>
            {
                hostKeyRefusal = CheckHostKey(e.HostKeyName, e.HostKey, e.FingerPrintSHA256);
                e.CanTrust = hostKeyRefusal == null;
            };
            var target = $"{_user}@{TcpConnector.Describe(_host, _port)}";
            try
            {
                await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (hostKeyRefusal != null && (e is SshException || e is SocketException || e is IOException))
            {
                client.Dispose();
                throw new LibvirtException(ErrorCode.AuthFailed, ErrorDomain.Ssh, hostKeyRefusal, e) { Target = target };
            }
            catch (SshAuthenticationException e)
            {
                client.Dispose();
                throw new LibvirtException(ErrorCode.AuthFailed, ErrorDomain.Ssh,
                    $"SSH authentication of {target} failed (tried {string.Join(", ", tried)}): {e.Message}", e) { Target = target };
            }
            catch (Exception e) when (e is SshException || e is SocketException || e is IOException || e is TimeoutException)
            {
                client.Dispose();
                var code = e is SshOperationTimeoutException || e is TimeoutException ? ErrorCode.OperationTimeout : ErrorCode.Ssh;
                throw new LibvirtException(code, ErrorDomain.Ssh, $"SSH connection to {TcpConnector.Describe(_host, _port)} failed: {e.Message}", e) { Target = target };
            }
            catch
            {
                client.Dispose();
                throw;
            }

            _verbose?.Invoke($"SSH session {target} open; running: {_remoteCommand}");
            SshCommand? command = null;
            try
            {
                command = client.CreateCommand(_remoteCommand);
                var execution = command.ExecuteAsync(CancellationToken.None);
                _ = execution.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
                var input = command.CreateInputStream();
                var running = command;

                LibvirtException? Failure()
                {
                    if (!execution.Wait(3000) && client.IsConnected) return null;
                    string error;
                    try { error = (running.Error ?? "").Trim(); } catch (Exception) { error = ""; }
                    if (error.Length > 1024) error = error.Substring(error.Length - 1024);
                    var status = running.ExitStatus;
                    return new LibvirtException(ErrorCode.SystemError, ErrorDomain.Ssh,
                        $"The remote command on {target} ended" + (status != null ? $" with status {status}" : "")
                        + (error.Length > 0 ? ": " + error : " (is virt-ssh-helper or nc installed there, and the daemon running?)")) { Target = target };
                }

                void Close()
                {
                    try { input.Dispose(); } catch (Exception) { }
                    try { execution.Wait(1000); } catch (AggregateException) { }
                    try { running.Dispose(); } catch (Exception) { }
                    try { client.Disconnect(); } catch (Exception) { }
                    client.Dispose();
                }

                return new DuplexStream(command.OutputStream, input, Failure, Close);
            }
            catch (Exception e) when (e is SshException || e is IOException || e is InvalidOperationException)
            {
                command?.Dispose();
                client.Dispose();
                throw new LibvirtException(ErrorCode.Ssh, ErrorDomain.Ssh, $"Cannot run the remote command on {target}: {e.Message}", e) { Target = target };
            }
        }

        /// <summary>Null when the key is acceptable, else why not (no key material, only its SHA256 fingerprint).</summary>
        private string? CheckHostKey(string keyType, byte[] key, string fingerprint)
        {
            var where = TcpConnector.Describe(_host, _port);
            if (_verifyMode == "ignore")
            {
                _warning?.Invoke($"SSH host key checking is turned off for {where} (known_hosts_verify=ignore): the connection can be intercepted.");
                return null;
            }
            KnownHostStatus status;
            try { status = KnownHosts.Load(_knownHostsFile).Check(_host, _port, key); }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return $"Cannot read known hosts file '{_knownHostsFile}': {e.Message}";
            }
            switch (status)
            {
                case KnownHostStatus.Known:
                    return null;
                case KnownHostStatus.Revoked:
                    return $"The {keyType} host key of {where} (SHA256:{fingerprint}) is marked @revoked in '{_knownHostsFile}'.";
                case KnownHostStatus.Changed:
                    return $"The host key of {where} does not match the one in '{_knownHostsFile}': the server's {keyType} key is SHA256:{fingerprint}. It may have been changed, or the connection is being intercepted; remove the old line if the change is expected.";
                default:
                    if (_verifyMode == "auto")
                    {
                        try
                        {
                            var dir = Path.GetDirectoryName(Path.GetFullPath(_knownHostsFile));
                            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
                            File.AppendAllText(_knownHostsFile, KnownHosts.FormatLine(_host, _port, KeyTypeOf(key, keyType), key) + "\n");
                        }
                        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                        {
                            return $"Cannot add the host key of {where} to '{_knownHostsFile}': {e.Message}";
                        }
                        _warning?.Invoke($"Added the {keyType} host key of {where} (SHA256:{fingerprint}) to '{_knownHostsFile}' (known_hosts_verify=auto).");
                        return null;
                    }
                    return $"The host {where} is not in the known hosts file '{_knownHostsFile}' (its {keyType} key is SHA256:{fingerprint}). Add it (ssh-keyscan, or connect once with ssh), or use known_hosts_verify=auto.";
            }
        }

        /// <summary>The key type inside the SSH public key blob (string, then key data): "ssh-rsa" even when the signature is rsa-sha2-512.</summary>
        private static string KeyTypeOf(byte[] blob, string fallback)
        {
            if (blob.Length < 4) return fallback;
            var length = (blob[0] << 24) | (blob[1] << 16) | (blob[2] << 8) | blob[3];
            return length > 0 && length <= blob.Length - 4 ? System.Text.Encoding.ASCII.GetString(blob, 4, length) : fallback;
        }

        private List<AuthenticationMethod> AuthenticationMethods(out List<string> tried)
        {
            var order = AuthOrder();
            var methods = new List<AuthenticationMethod>();
            tried = new List<string>();
            var password = _credential?.Password;
            foreach (var kind in order)
            {
                switch (kind)
                {
                    case "privkey":
                        var keys = PrivateKeys();
                        if (keys.Count > 0) { methods.Add(new PrivateKeyAuthenticationMethod(_user, keys.ToArray())); tried.Add("publickey"); }
                        break;
                    case "password":
                        if (!string.IsNullOrEmpty(password)) { methods.Add(new PasswordAuthenticationMethod(_user, password)); tried.Add("password"); }
                        break;
                    case "keyboard-interactive":
                        if (!string.IsNullOrEmpty(password))
                        {
                            var interactive = new KeyboardInteractiveAuthenticationMethod(_user);
                            interactive.AuthenticationPrompt += (sender, e) =>
                            {
                                foreach (var prompt in e.Prompts) prompt.Response = password;
                            };
                            methods.Add(interactive);
                            tried.Add("keyboard-interactive");
                        }
                        break;
                    case "agent":
                        _verbose?.Invoke("sshauth=agent: the in-process SSH client cannot use an ssh agent; skipped.");
                        break;
                    default:
                        throw new LibvirtException(ErrorCode.InvalidArg, ErrorDomain.Remote,
                            $"Unknown sshauth method '{kind}' in '{_uri}' (expected agent, privkey, password or keyboard-interactive).") { Target = _uri.OriginalString };
                }
            }
            if (methods.Count == 0)
                throw new LibvirtException(ErrorCode.AuthFailed, ErrorDomain.Ssh,
                    $"No SSH authentication method is available for {_user}@{_host}: give a key with ?keyfile= or a password with -Credential.") { Target = _uri.OriginalString };
            return methods;
        }

        private IEnumerable<string> AuthOrder()
        {
            var list = _uri.GetQueryValue("sshauth");
            return string.IsNullOrEmpty(list) ? DefaultAuthOrder
                : list!.Split(',').Select(s => s.Trim().ToLowerInvariant()).Where(s => s.Length > 0);
        }

        private List<IPrivateKeySource> PrivateKeys()
        {
            var explicitKey = _uri.GetQueryValue("keyfile");
            var candidates = !string.IsNullOrEmpty(explicitKey) ? new[] { explicitKey! }
                : new[] { "id_ed25519", "id_ecdsa", "id_rsa" }.Select(n => Path.Combine(HomeDirectory(), ".ssh", n)).Where(File.Exists).ToArray();
            var keys = new List<IPrivateKeySource>();
            foreach (var path in candidates)
            {
                try { keys.Add(LoadKey(path)); }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is SshException || e is ArgumentException || e is InvalidOperationException || e is NotSupportedException)
                {
                    // SSH.NET's messages describe the format, never the key's content.
                    var message = $"Cannot use SSH private key '{path}': {e.Message}";
                    if (!string.IsNullOrEmpty(explicitKey))
                        throw new LibvirtException(ErrorCode.AuthFailed, ErrorDomain.Ssh, message, e) { Target = path };
                    _verbose?.Invoke(message);
                }
            }
            return keys;
        }

        private PrivateKeyFile LoadKey(string path)
        {
            try { return new PrivateKeyFile(path); }
            catch (SshPassPhraseNullOrEmptyException) when (!string.IsNullOrEmpty(_credential?.Password))
            {
                // An encrypted key: the credential's password is its passphrase.
                return new PrivateKeyFile(path, _credential!.Password);
            }
        }

        private static string HomeDirectory() =>
            Environment.GetEnvironmentVariable("HOME") is string h && h.Length > 0 ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
    }
}
