namespace Coffer.Server.Hosting;

/// <summary>The files a client points at to trust Coffer's local CA: the CA alone, and the system roots plus the CA.</summary>
internal sealed record CaTrust(string BundlePath, string CertificatePath);
