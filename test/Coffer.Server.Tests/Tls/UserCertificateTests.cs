using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Coffer.Server.Hosting;
using Coffer.Testing;
using Microsoft.Extensions.Logging;

namespace Coffer.Server.Tests.Tls;

/// <summary>A certificate given with --tls-cert/--tls-key replaces the local CA for every host.</summary>
public sealed class UserCertificateTests
{
    [Fact]
    public async Task Serve_WithUserCertificate_PresentsItForEveryHostAndStillSetsUpDev()
    {
        // Arrange
        using var data = new TempDirectory();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=vault.example.test", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("dev.localhost");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1));
        var certificateFile = Path.Combine(data.Root, "user.crt");
        var keyFile = Path.Combine(data.Root, "user.key");
        await File.WriteAllTextAsync(certificateFile, certificate.ExportCertificatePem(), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(keyFile, key.ExportPkcs8PrivateKeyPem(), TestContext.Current.CancellationToken);
        var ports = FreePorts.Take(2);
        var options = new ServeOptions
        {
            DataDirectory = data.Data,
            Port = ports[0],
            IdentityPort = ports[1],
            Dev = true,
            TlsCertificateFile = certificateFile,
            TlsKeyFile = keyFile,
        };
        options.Listen.Add(IPAddress.Loopback);
        await using var app = await CofferHost.BuildAsync(options, logging => logging.SetMinimumLevel(LogLevel.Warning), cancellationToken: TestContext.Current.CancellationToken);
        await app.StartAsync(TestContext.Current.CancellationToken);

        // Act
        var forVault = await PresentedThumbprintAsync(options.Port, "dev.localhost");
        var forOther = await PresentedThumbprintAsync(options.Port, "localhost");
        var devLines = await File.ReadAllTextAsync(Path.Combine(options.DataDirectory, DevEnvironment.FileName), TestContext.Current.CancellationToken);
        await app.StopAsync(TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(certificate.Thumbprint, forVault);
        Assert.Equal(certificate.Thumbprint, forOther);
        Assert.False(File.Exists(Path.Combine(options.DataDirectory, "ca.crt")));
        Assert.Contains("export IDENTITY_HEADER=", devLines, StringComparison.Ordinal);
        Assert.DoesNotContain("SSL_CERT_FILE", devLines, StringComparison.Ordinal);
    }

    private static async Task<string> PresentedThumbprintAsync(int port, string serverName)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port, TestContext.Current.CancellationToken);
        string? thumbprint = null;
        await using var tls = new SslStream(client.GetStream(), false, (_, presented, _, _) =>
        {
            thumbprint = presented is null ? null : new X509Certificate2(presented).Thumbprint;
            return thumbprint is not null; // the test inspects what is presented; it sends nothing over the connection
        });
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = serverName }, TestContext.Current.CancellationToken);
        return thumbprint ?? throw new InvalidOperationException("No certificate was presented.");
    }
}
