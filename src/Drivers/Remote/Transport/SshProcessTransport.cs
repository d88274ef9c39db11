using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Uris;

namespace Libvirt.Drivers.Remote.Transport
{
    /// <summary>
    /// +ssh: runs the system ssh client as libvirt does and speaks RPC over its stdin/stdout:
    /// <c>ssh [-p PORT] [-l USER] [-i KEYFILE] -T -e none [-o BatchMode=yes] [-o StrictHostKeyChecking=no] -- HOST COMMAND</c>.
    /// -T and -e none always (the channel carries binary RPC, never a terminal); BatchMode=yes with ?no_tty=1
    /// (no prompts: keys or an agent must do); StrictHostKeyChecking=no only with ?no_verify=1, otherwise the
    /// user's ssh configuration decides (OpenSSH's default refuses a changed key and, without a terminal, an
    /// unknown one). Passwords are never handed to ssh: it prompts on the terminal itself, if it has one.
    /// Windows 10+ ships ssh.exe, found on PATH the same way.
    /// </summary>
    internal sealed class SshProcessTransport : ITransport
    {
        private const int StderrLimit = 4096;
        private readonly string _host;
        private readonly IReadOnlyList<string> _arguments;
        private readonly Action<string>? _verbose;

        public SshProcessTransport(LibvirtUri uri, string? user, bool readOnly, Action<string>? warning, Action<string>? verbose)
        {
            _host = uri.Host!;
            _verbose = verbose;
            _arguments = BuildArguments(uri, user, SshRemoteCommand.Build(uri, readOnly));
            if (uri.GetQueryFlag("no_verify"))
                warning?.Invoke($"SSH host key checking is turned off for {_host} (no_verify=1): the connection can be intercepted.");
        }

        public string Description => "ssh " + _host;
        public bool IsSecure => true;
        public IReadOnlyList<string> Arguments => _arguments;

        internal static IReadOnlyList<string> BuildArguments(LibvirtUri uri, string? user, string remoteCommand)
        {
            var args = new List<string>();
            if (uri.Port != null) { args.Add("-p"); args.Add(uri.Port.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)); }
            if (!string.IsNullOrEmpty(user)) { args.Add("-l"); args.Add(user!); }
            var keyfile = uri.GetQueryValue("keyfile");
            if (!string.IsNullOrEmpty(keyfile)) { args.Add("-i"); args.Add(keyfile!); }
            args.Add("-T");
            args.Add("-e"); args.Add("none");
            if (uri.GetQueryFlag("no_tty")) { args.Add("-o"); args.Add("BatchMode=yes"); }
            if (uri.GetQueryFlag("no_verify")) { args.Add("-o"); args.Add("StrictHostKeyChecking=no"); }
            args.Add("--");
            args.Add(uri.Host!);
            args.Add(remoteCommand);
            return args;
        }

        public Task<Stream> ConnectAsync(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var psi = new ProcessStartInfo("ssh")
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                CreateNoWindow = true,
                Arguments = JoinArguments(_arguments),
            };
            _verbose?.Invoke("Running: ssh " + psi.Arguments);
            var process = new Process { StartInfo = psi };
            try { process.Start(); }
            catch (Win32Exception e)
            {
                process.Dispose();
                throw new LibvirtException(ErrorCode.SystemError, ErrorDomain.Ssh,
                    $"Cannot run the ssh client for '{_host}': {e.Message}. Install OpenSSH's client (ssh) or use the libssh transport.", e) { Target = _host };
            }

            var stderr = new StringBuilder();
            var stderrDone = Task.Run(async () =>
            {
                var buffer = new char[1024];
                int n;
                while ((n = await process.StandardError.ReadAsync(buffer, 0, buffer.Length).ConfigureAwait(false)) > 0)
                    lock (stderr)
                    {
                        stderr.Append(buffer, 0, n);
                        if (stderr.Length > StderrLimit) stderr.Remove(0, stderr.Length - StderrLimit);
                    }
            });

            LibvirtException? Failure()
            {
                if (!process.WaitForExit(3000)) return null;
                try { stderrDone.Wait(1000); } catch (AggregateException) { }
                string text;
                lock (stderr) text = stderr.ToString().Trim();
                var code = process.ExitCode;
                var denied = text.IndexOf("Permission denied", StringComparison.OrdinalIgnoreCase) >= 0
                    || text.IndexOf("Host key verification failed", StringComparison.OrdinalIgnoreCase) >= 0;
                return new LibvirtException(denied ? ErrorCode.AuthFailed : ErrorCode.SystemError, ErrorDomain.Ssh,
                    $"ssh to '{_host}' exited with code {code}" + (text.Length > 0 ? ": " + text : " without a message.")) { Target = _host };
            }

            void Close()
            {
                try { process.StandardInput.Close(); } catch (IOException) { } catch (InvalidOperationException) { }
                try { if (!process.WaitForExit(2000)) process.Kill(); } catch (InvalidOperationException) { } catch (Win32Exception) { }
                process.Dispose();
            }

            Stream stream = new DuplexStream(process.StandardOutput.BaseStream, process.StandardInput.BaseStream, Failure, Close);
            return Task.FromResult(stream);
        }

        /// <summary>One command line from arguments, quoted the way both .NET runtimes split it back (MSVCRT rules).</summary>
        internal static string JoinArguments(IEnumerable<string> arguments)
        {
            var sb = new StringBuilder();
            foreach (var arg in arguments)
            {
                if (sb.Length > 0) sb.Append(' ');
                if (arg.Length > 0 && arg.IndexOfAny(new[] { ' ', '\t', '\n', '\v', '"' }) < 0) { sb.Append(arg); continue; }
                sb.Append('"');
                var backslashes = 0;
                foreach (var c in arg)
                {
                    if (c == '\\') { backslashes++; continue; }
                    if (c == '"') { sb.Append('\\', backslashes * 2 + 1); sb.Append('"'); }
                    else { sb.Append('\\', backslashes); sb.Append(c); }
                    backslashes = 0;
                }
                sb.Append('\\', backslashes * 2);
                sb.Append('"');
            }
            return sb.ToString();
        }
    }
}
