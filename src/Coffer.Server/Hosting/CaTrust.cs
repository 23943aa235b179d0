namespace Coffer.Server.Hosting;

/// <summary>The files a client points at to trust Coffer's local CA: the CA alone, and the system roots plus the CA.</summary>
internal sealed record CaTrust(string BundlePath, string CertificatePath)
{
    private const string SystemBundle = "/etc/ssl/certs/ca-certificates.crt";

    /// <summary>
    /// Writes the system's roots plus the CA at <paramref name="certificatePath"/> into one file: <c>SSL_CERT_FILE</c> and
    /// <c>REQUESTS_CA_BUNDLE</c> replace the roots a runtime trusts, so pointing them at the CA alone would break every
    /// other HTTPS call.
    /// </summary>
    public static CaTrust Write(string bundlePath, string certificatePath)
    {
        var system = File.Exists(SystemBundle) ? File.ReadAllText(SystemBundle) : string.Empty;
        File.WriteAllText(bundlePath, system.TrimEnd() + "\n" + File.ReadAllText(certificatePath));
        return new CaTrust(bundlePath, certificatePath);
    }

    /// <summary>
    /// The variables that make the SDKs trust the CA: .NET (OpenSSL) and Python requests read the bundle, Node adds the CA
    /// to its own roots.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Variables =>
    [
        new("SSL_CERT_FILE", BundlePath),
        new("REQUESTS_CA_BUNDLE", BundlePath),
        new("NODE_EXTRA_CA_CERTS", CertificatePath),
    ];
}
