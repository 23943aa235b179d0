using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Coffer.Core.KeyRing;
using Coffer.Server.Hosting;

namespace Coffer.Server.Tls;

/// <summary>
/// The CA that zero-configuration TLS rests on: created once in the data directory (its private key wrapped by
/// the root key), it mints a leaf certificate for each host a client asks for. Users trust <c>ca.crt</c> once.
/// </summary>
internal sealed class LocalCertificateAuthority : IDisposable
{
    public const string CertificateFileName = "ca.crt";
    private const string KeyFileName = "ca.key";
    private const string KeyPurpose = "coffer/local-ca";
    private readonly X509Certificate2 _ca;
    private readonly TimeProvider _time;

    private LocalCertificateAuthority(X509Certificate2 ca, string certificatePath, TimeProvider time)
    {
        _ca = ca;
        CertificatePath = certificatePath;
        _time = time;
    }

    public string CertificatePath { get; }

    public X509Certificate2 Certificate => _ca;

    public static LocalCertificateAuthority LoadOrCreate(string directory, RootKey rootKey, TimeProvider time)
    {
        var certificatePath = Path.Combine(directory, CertificateFileName);
        var keyPath = Path.Combine(directory, KeyFileName);
        if (File.Exists(certificatePath) && File.Exists(keyPath))
        {
            using var publicOnly = X509CertificateLoader.LoadCertificateFromFile(certificatePath);
            var pkcs8 = rootKey.Unwrap(File.ReadAllBytes(keyPath), KeyPurpose);
            using var key = ECDsa.Create();
            key.ImportPkcs8PrivateKey(pkcs8, out _);
            CryptographicOperations.ZeroMemory(pkcs8);
            return new LocalCertificateAuthority(publicOnly.CopyWithPrivateKey(key), certificatePath, time);
        }

        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=Coffer Local CA {Guid.NewGuid():N}, O=Coffer", caKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = time.GetUtcNow();
        var ca = request.CreateSelfSigned(now.AddHours(-1), now.AddYears(10));

        var keyBytes = caKey.ExportPkcs8PrivateKey();
        FileSystem.WritePrivateFile(keyPath, rootKey.Wrap(keyBytes, KeyPurpose));
        CryptographicOperations.ZeroMemory(keyBytes);
        File.WriteAllText(certificatePath, ca.ExportCertificatePem() + "\n");
        return new LocalCertificateAuthority(ca, certificatePath, time);
    }

    /// <summary>Mints a server certificate naming exactly this host (a wildcard fails in Node and .NET).</summary>
    public X509Certificate2 Mint(string host)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(host);
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        names.AddIpAddress(System.Net.IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_ca, true, false));
        var now = _time.GetUtcNow();
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var certificate = request.Create(_ca, now.AddHours(-1), now.AddDays(90), serial);
        using var withKey = certificate.CopyWithPrivateKey(key);
        // Reload through PKCS#12 so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    public void Dispose() => _ca.Dispose();
}
