using System;
using System.IO;
using Libvirt.Engine.Uris;

namespace Libvirt.Drivers.Remote.Transport.Pki
{
    /// <summary>
    /// Where libvirt's client looks for its TLS files: ?pkipath=DIR overrides all of them
    /// (DIR/cacert.pem, DIR/clientcert.pem, DIR/clientkey.pem); otherwise a non-root user's
    /// ~/.pki/libvirt/ is used when its clientcert.pem and clientkey.pem exist (the CA too, when
    /// ~/.pki/libvirt/cacert.pem exists), and the system locations are the fallback:
    /// /etc/pki/CA/cacert.pem, /etc/pki/libvirt/clientcert.pem, /etc/pki/libvirt/private/clientkey.pem.
    /// On Windows the system locations are under %ProgramData%\libvirt\pki (no /etc there).
    /// </summary>
    internal sealed class PkiFiles
    {
        public const string CaFileName = "cacert.pem", CertFileName = "clientcert.pem", KeyFileName = "clientkey.pem";

        public PkiFiles(string caFile, string certFile, string keyFile, string origin)
        {
            CaFile = caFile;
            CertFile = certFile;
            KeyFile = keyFile;
            Origin = origin;
        }

        public string CaFile { get; }
        public string CertFile { get; }
        public string KeyFile { get; }

        /// <summary>Where these paths came from, for messages: "pkipath", "user", "system".</summary>
        public string Origin { get; }

        public static PkiFiles Resolve(LibvirtUri uri, bool? isRoot = null, string? home = null, Func<string, bool>? exists = null)
        {
            exists ??= File.Exists;
            var pkipath = uri.GetQueryValue("pkipath");
            if (!string.IsNullOrEmpty(pkipath))
                return new PkiFiles(Path.Combine(pkipath!, CaFileName), Path.Combine(pkipath!, CertFileName), Path.Combine(pkipath!, KeyFileName), "pkipath");

            var systemCa = SystemPath("CA", CaFileName);
            var systemCert = SystemPath("libvirt", CertFileName);
            var systemKey = SystemPath(Path.Combine("libvirt", "private"), KeyFileName);
            if (!(isRoot ?? IsRoot()))
            {
                home ??= Environment.GetEnvironmentVariable("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
                if (!string.IsNullOrEmpty(home))
                {
                    var user = Path.Combine(home!, ".pki", "libvirt");
                    var userCert = Path.Combine(user, CertFileName);
                    var userKey = Path.Combine(user, KeyFileName);
                    if (exists(userCert) && exists(userKey))
                    {
                        var userCa = Path.Combine(user, CaFileName);
                        return new PkiFiles(exists(userCa) ? userCa : systemCa, userCert, userKey, "user");
                    }
                }
            }
            return new PkiFiles(systemCa, systemCert, systemKey, "system");
        }

        private static string SystemPath(string folder, string file)
        {
            if (Path.DirectorySeparatorChar == '\\')
            {
                var data = Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData);
                return Path.Combine(data, "libvirt", "pki", folder, file);
            }
            return "/etc/pki/" + folder.Replace('\\', '/') + "/" + file;
        }

        private static bool IsRoot()
        {
            if (Path.DirectorySeparatorChar == '\\') return false;
            // netstandard2.0 has no geteuid; the user name is what libvirt's rule amounts to here.
            return string.Equals(Environment.UserName, "root", StringComparison.Ordinal);
        }
    }
}
