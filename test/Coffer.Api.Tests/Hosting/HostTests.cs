using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Coffer.Api.Tests.TestSupport;

namespace Coffer.Api.Tests.Hosting;

/// <summary>Which host and port answers what: vault hosts only, over HTTPS only, with a certificate naming the host.</summary>
public sealed class HostTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task BareHost_WithToken_Returns404()
    {
        // Arrange
        using var request = fixture.Request(HttpMethod.Get, $"/secrets?api-version=7.4", baseUri: new Uri(fixture.Server.Resource));

        // Act
        using var response = await fixture.SendAsync(request);

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.NotFound, "NotFound");
    }

    [Fact]
    public async Task BareHost_SetSecretWithToken_Returns404AndWritesNothing()
    {
        // Arrange
        var name = Names.Unique("barehost");
        using var request = fixture.Request(HttpMethod.Put, SecretCalls.Path(name), SecretCalls.SetBody("v"), new Uri(fixture.Server.Resource));

        // Act
        using var response = await fixture.SendAsync(request);

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.NotFound, "NotFound");
        await fixture.AssertSecretAbsentAsync(name);
    }

    [Fact]
    public async Task Http2_WithoutAuthorization_Returns401WithChallenge()
    {
        // Arrange
        using var request = fixture.RequestAs(null, HttpMethod.Put, SecretCalls.Path("anything"));
        request.Content = new ByteArrayContent([]);
        request.Version = HttpVersion.Version20;
        request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;

        // Act
        using var response = await fixture.SendAsync(request);

        // Assert
        Assert.Equal(HttpVersion.Version20, response.Version);
        await Wire.AssertChallengeAsync(response, fixture.Server);
    }

    [Fact]
    public async Task Http2_WithToken_SetsAndGetsSecret()
    {
        // Arrange
        var name = Names.Unique("h2");
        using var put = fixture.Request(HttpMethod.Put, SecretCalls.Path(name), SecretCalls.SetBody("over-h2"));
        put.Version = HttpVersion.Version20;
        put.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
        using var set = await fixture.SendAsync(put);
        await Wire.AssertJsonAsync(set);
        using var request = fixture.Request(HttpMethod.Get, SecretCalls.Path(name, "/"));
        request.Version = HttpVersion.Version20;
        request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;

        // Act
        using var response = await fixture.SendAsync(request);

        // Assert
        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal("over-h2", (await Wire.AssertJsonAsync(response)).GetProperty("value").GetString());
    }

    [Fact]
    public async Task Tls_DevVaultCertificate_NamesHostAndChainsToCoffersCa()
    {
        // Arrange
        var (certificate, errors) = await HandshakeAsync(fixture.VaultUri);

        // Act
        using var leaf = certificate;
        var names = leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames().ToList();
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(fixture.Server.CaCertificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        var chained = chain.Build(leaf);

        // Assert
        Assert.Contains("dev.localhost", names);
        Assert.DoesNotContain(names, n => n.StartsWith('*'));
        Assert.Equal(SslPolicyErrors.None, errors & SslPolicyErrors.RemoteCertificateNameMismatch);
        Assert.True(chained, string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        Assert.Equal(fixture.Server.CaCertificate.Thumbprint, chain.ChainElements[^1].Certificate.Thumbprint);
    }

    [Fact]
    public async Task Tls_ForeignHostName_GetsNoCertificateForThatName()
    {
        // Arrange: SNI for a name that is not ours; Coffer must not mint a certificate for it.
        var (certificate, errors) = await HandshakeAsync(new Uri($"https://evil.example:{fixture.Server.Port}"));

        // Act
        using var leaf = certificate;
        var names = leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames().ToList();

        // Assert
        Assert.DoesNotContain("evil.example", names);
        Assert.NotEqual(SslPolicyErrors.None, errors & SslPolicyErrors.RemoteCertificateNameMismatch);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("dev.localhost")]
    public async Task PlainHttpOnIdentityPort_DataPlanePath_Returns404(string host)
    {
        // Arrange: the identity port speaks HTTP; vault operations must not be served there, token or not.
        var name = Names.Unique("plainhttp");
        await fixture.SetSecretAsync(name, "v");
        var baseUri = new Uri($"http://{host}:{fixture.Server.IdentityPort}");
        using var request = fixture.Request(HttpMethod.Get, SecretCalls.Path(name), baseUri: baseUri);

        // Act
        using var response = await fixture.SendAsync(request);

        // Assert
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("\"value\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlainHttpOnIdentityPort_SetSecret_Returns404AndWritesNothing()
    {
        // Arrange
        var name = Names.Unique("plainhttpput");
        using var request = fixture.Request(HttpMethod.Put, SecretCalls.Path(name), SecretCalls.SetBody("v"), new Uri($"http://dev.localhost:{fixture.Server.IdentityPort}"));

        // Act
        using var response = await fixture.SendAsync(request);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await fixture.AssertSecretAbsentAsync(name);
    }

    /// <summary>
    /// Connects through Coffer's test handler and captures the certificate the server presents. The callback refuses
    /// the connection (the test only reads the certificate), so the request itself fails with a handshake error.
    /// </summary>
    private async Task<(X509Certificate2 Certificate, SslPolicyErrors Errors)> HandshakeAsync(Uri uri)
    {
        X509Certificate2? presented = null;
        var policyErrors = SslPolicyErrors.None;
        var handler = fixture.Server.CreateHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
        {
            presented = certificate is null ? null : new X509Certificate2(certificate);
            policyErrors = errors;
            return false;
        };
        using var client = new HttpClient(handler);
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri(uri, $"/secrets?api-version={ServerFixture.ApiVersion}"), TestContext.Current.CancellationToken));
        Assert.NotNull(presented);
        return (presented, policyErrors);
    }
}
