using System;
using System.Security.Cryptography;

namespace Libvirt.Drivers.Remote.Transport.Pki
{
    /// <summary>
    /// Reads an unencrypted private key from PEM on netstandard2.0, which has no ImportPkcs8PrivateKey:
    /// "RSA PRIVATE KEY" (PKCS#1), "EC PRIVATE KEY" (SEC1) and "PRIVATE KEY" (PKCS#8 holding either). The
    /// returned object owns the key; the caller disposes it. Parsing errors never quote key bytes.
    /// </summary>
    internal static class PrivateKeyReader
    {
        private const string RsaOid = "1.2.840.113549.1.1.1";
        private const string EcOid = "1.2.840.10045.2.1";

        public static AsymmetricAlgorithm Read(string pemText)
        {
            foreach (var block in Pem.Parse(pemText))
            {
                switch (block.Label)
                {
                    case "RSA PRIVATE KEY": return CreateRsa(ReadPkcs1(block.Data));
                    case "EC PRIVATE KEY": return CreateEc(ReadSec1(block.Data, null));
                    case "PRIVATE KEY": return ReadPkcs8(block.Data);
                    case "ENCRYPTED PRIVATE KEY":
                        throw new FormatException("the key is encrypted with a passphrase, which libvirt's client does not support either; store it unencrypted (mode 0600)");
                }
            }
            throw new FormatException("no 'PRIVATE KEY', 'RSA PRIVATE KEY' or 'EC PRIVATE KEY' PEM block found");
        }

        private static AsymmetricAlgorithm ReadPkcs8(byte[] der)
        {
            var info = new DerReader(der).ReadNested(DerReader.Sequence);
            info.ReadSmallInteger(); // version 0 (or 1 with a public key attached)
            var algorithm = info.ReadNested(DerReader.Sequence);
            var oid = algorithm.ReadOid();
            var key = info.Read(DerReader.OctetString);
            switch (oid)
            {
                case RsaOid:
                    return CreateRsa(ReadPkcs1(key));
                case EcOid:
                    var curve = algorithm.HasData && algorithm.PeekTag() == DerReader.Oid ? algorithm.ReadOid() : null;
                    return CreateEc(ReadSec1(key, curve));
                default:
                    throw new FormatException($"unsupported private key algorithm {oid} (RSA and EC keys are supported)");
            }
        }

        internal static RSAParameters ReadPkcs1(byte[] der)
        {
            var seq = new DerReader(der).ReadNested(DerReader.Sequence);
            if (seq.ReadSmallInteger() != 0) throw new FormatException("multi-prime RSA keys are not supported");
            var modulus = seq.ReadUnsignedInteger();
            var exponent = seq.ReadUnsignedInteger();
            var d = seq.ReadUnsignedInteger();
            var p = seq.ReadUnsignedInteger();
            var q = seq.ReadUnsignedInteger();
            var dp = seq.ReadUnsignedInteger();
            var dq = seq.ReadUnsignedInteger();
            var inverseQ = seq.ReadUnsignedInteger();
            // Windows' providers want D as long as the modulus and the CRT values half as long.
            var half = (modulus.Length + 1) / 2;
            return new RSAParameters
            {
                Modulus = modulus,
                Exponent = exponent,
                D = Pad(d, modulus.Length),
                P = Pad(p, half),
                Q = Pad(q, half),
                DP = Pad(dp, half),
                DQ = Pad(dq, half),
                InverseQ = Pad(inverseQ, half),
            };
        }

        internal static ECParameters ReadSec1(byte[] der, string? curveOid)
        {
            var seq = new DerReader(der).ReadNested(DerReader.Sequence);
            if (seq.ReadSmallInteger() != 1) throw new FormatException("unsupported EC private key version");
            var d = seq.Read(DerReader.OctetString);
            byte[]? publicPoint = null;
            while (seq.HasData)
            {
                var tag = seq.PeekTag();
                if (tag == 0xA0) curveOid = seq.ReadNested(0xA0).ReadOid();
                else if (tag == 0xA1)
                {
                    var bits = seq.ReadNested(0xA1).Read(DerReader.BitString);
                    if (bits.Length < 2 || bits[0] != 0) throw new FormatException("malformed EC public key");
                    publicPoint = new byte[bits.Length - 1];
                    Buffer.BlockCopy(bits, 1, publicPoint, 0, publicPoint.Length);
                }
                else seq.Skip();
            }
            if (curveOid == null) throw new FormatException("the EC key does not name its curve");
            // Uncompressed point 04 || X || Y; the runtime cannot derive it on every platform, so it is required.
            if (publicPoint == null || publicPoint.Length < 3 || publicPoint[0] != 4 || (publicPoint.Length - 1) % 2 != 0)
                throw new FormatException("the EC key lacks its public point (uncompressed form required)");
            var size = (publicPoint.Length - 1) / 2;
            var x = new byte[size];
            var y = new byte[size];
            Buffer.BlockCopy(publicPoint, 1, x, 0, size);
            Buffer.BlockCopy(publicPoint, 1 + size, y, 0, size);
            return new ECParameters
            {
                Curve = ECCurve.CreateFromValue(curveOid),
                D = Pad(d, size),
                Q = new ECPoint { X = x, Y = y },
            };
        }

        private static RSA CreateRsa(RSAParameters parameters)
        {
            var rsa = RSA.Create();
            try { rsa.ImportParameters(parameters); }
            catch { rsa.Dispose(); throw; }
            return rsa;
        }

        private static ECDsa CreateEc(ECParameters parameters) => ECDsa.Create(parameters);

        private static byte[] Pad(byte[] value, int length)
        {
            if (value.Length >= length) return value;
            var padded = new byte[length];
            Buffer.BlockCopy(value, 0, padded, length - value.Length, value.Length);
            return padded;
        }
    }
}
