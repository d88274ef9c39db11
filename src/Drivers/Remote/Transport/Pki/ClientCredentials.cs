using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Libvirt.Engine.Errors;

namespace Libvirt.Drivers.Remote.Transport.Pki
{
    /// <summary>
    /// Loads the TLS files named by <see cref="PkiFiles"/>: the CA bundle (one or more certificates) and the
    /// client certificate joined with its private key. Every failure names the file; none quotes its content.
    /// </summary>
    internal static class ClientCredentials
    {
        public static X509Certificate2Collection LoadCaBundle(string path)
        {
            var text = ReadFile(path, "CA certificate");
            var bundle = new X509Certificate2Collection();
            try
            {
                foreach (var block in Pem.Parse(text))
                    if (block.Label == "CERTIFICATE" || block.Label == "X509 CERTIFICATE" || block.Label == "TRUSTED CERTIFICATE")
                        bundle.Add(new X509Certificate2(block.Data));
            }
            catch (Exception e) when (e is FormatException || e is CryptographicException)
            {
                throw Invalid("CA certificate", path, e.Message);
            }
            if (bundle.Count == 0) throw Invalid("CA certificate", path, "no PEM 'CERTIFICATE' block found");
            return bundle;
        }

        public static X509Certificate2 LoadClientCertificate(string certPath, string keyPath)
        {
            var certText = ReadFile(certPath, "client certificate");
            X509Certificate2 certificate;
            try
            {
                var block = Pem.Parse(certText).Find(b => b.Label == "CERTIFICATE" || b.Label == "X509 CERTIFICATE")
                    ?? throw new FormatException("no PEM 'CERTIFICATE' block found");
                certificate = new X509Certificate2(block.Data);
            }
            catch (Exception e) when (e is FormatException || e is CryptographicException)
            {
                throw Invalid("client certificate", certPath, e.Message);
            }

            var keyText = ReadFile(keyPath, "client private key");
            AsymmetricAlgorithm key;
            try { key = PrivateKeyReader.Read(keyText); }
            catch (Exception e) when (e is FormatException || e is CryptographicException)
            {
                certificate.Dispose();
                // The reader's messages describe the structure, never the key's bytes.
                throw Invalid("client private key", keyPath, e.Message);
            }
            try
            {
                return CertificateWithKey.Join(certificate, key);
            }
            catch (Exception e) when (e is CryptographicException || e is ArgumentException || e is InvalidOperationException || e is NotSupportedException)
            {
                throw new LibvirtException(ErrorCode.GnutlsError, ErrorDomain.Rpc,
                    $"Cannot use client certificate '{certPath}' with private key '{keyPath}': {e.Message}") { Target = certPath };
            }
            finally
            {
                key.Dispose();
                certificate.Dispose();
            }
        }

        private static string ReadFile(string path, string what)
        {
            try { return File.ReadAllText(path); }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
            {
                var why = e is FileNotFoundException || e is DirectoryNotFoundException ? "No such file or directory" : e.Message;
                throw new LibvirtException(ErrorCode.SystemError, ErrorDomain.Rpc, $"Cannot access {what} '{path}': {why}", e) { Target = path };
            }
        }

        private static LibvirtException Invalid(string what, string path, string why) =>
            new LibvirtException(ErrorCode.GnutlsError, ErrorDomain.Rpc, $"Unable to read {what} '{path}': {why.TrimEnd('.')}.") { Target = path };
    }

    /// <summary>
    /// Joins a certificate and a private key. netstandard2.0 has no CopyWithPrivateKey, but every runtime the
    /// module runs on (.NET Framework 4.7.2+, .NET 10) has it on RSA/ECDsaCertificateExtensions: it is looked
    /// up once by name. On Windows the result goes through a PKCS#12 round trip because SChannel cannot use an
    /// ephemeral key for client authentication.
    /// </summary>
    internal static class CertificateWithKey
    {
        private static readonly System.Reflection.MethodInfo? RsaCopy =
            typeof(RSACertificateExtensions).GetMethod("CopyWithPrivateKey", new[] { typeof(X509Certificate2), typeof(RSA) });
        private static readonly System.Reflection.MethodInfo? EcCopy =
            typeof(ECDsaCertificateExtensions).GetMethod("CopyWithPrivateKey", new[] { typeof(X509Certificate2), typeof(ECDsa) });

        public static X509Certificate2 Join(X509Certificate2 certificate, AsymmetricAlgorithm key)
        {
            var method = key is RSA ? RsaCopy : key is ECDsa ? EcCopy : null;
            if (method == null)
                throw new NotSupportedException($"this runtime cannot attach a {key.GetType().Name} key to a certificate (needs .NET Framework 4.7.2 or later)");
            X509Certificate2 joined;
            try { joined = (X509Certificate2)method.Invoke(null, new object[] { certificate, key })!; }
            catch (System.Reflection.TargetInvocationException e) when (e.InnerException != null)
            {
                // "The provided key does not match the public key for this certificate." and the like.
                throw new CryptographicException(e.InnerException.Message);
            }
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return joined;
            using (joined)
            {
                var pfx = joined.Export(X509ContentType.Pkcs12);
                try { return new X509Certificate2(pfx, (string?)null, X509KeyStorageFlags.UserKeySet); }
                finally { Array.Clear(pfx, 0, pfx.Length); }
            }
        }
    }
}
