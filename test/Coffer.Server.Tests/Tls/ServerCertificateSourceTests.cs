using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Coffer.Core.KeyRing;
using Coffer.Server.Tls;
using Microsoft.Extensions.Time.Testing;

namespace Coffer.Server.Tests.Tls;

public sealed class ServerCertificateSourceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("coffer-tls-").FullName;
    private readonly RootKey _rootKey = new(RootKey.Generate(), "test");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 7, 1, 12, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData("localhost")]
    [InlineData("dev.localhost")]
    [InlineData("Billing-Prod.LOCALHOST")]
    public void OptionsFor_OurHost_ServesLeafNamingThatHostIssuedByCa(string host)
    {
        // Arrange
        using var source = new ServerCertificateSource(LocalCertificateAuthority.LoadOrCreate(_directory, _rootKey, _time), "localhost");

        // Act
        var options = source.OptionsFor(host);

        // Assert
        var leaf = options.ServerCertificateContext!.TargetCertificate; // the source always builds a context
        Assert.True(leaf.MatchesHostname(host));
        Assert.True(leaf.HasPrivateKey);
        using var ca = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(_directory, LocalCertificateAuthority.CertificateFileName));
        Assert.Equal(ca.Subject, leaf.Issuer);
        Assert.True(Chains(leaf, ca));
    }

    [Theory]
    [InlineData("evil.example.com")]
    [InlineData("a--b.localhost")]
    [InlineData("x.dev.localhost")]
    [InlineData("notlocalhost")]
    [InlineData("")]
    [InlineData(null)]
    public void OptionsFor_ForeignOrMalformedName_ServesBareHostCertificate(string? serverName)
    {
        // Arrange
        using var source = new ServerCertificateSource(LocalCertificateAuthority.LoadOrCreate(_directory, _rootKey, _time), "localhost");
        var bare = source.OptionsFor("localhost");

        // Act
        var options = source.OptionsFor(serverName);

        // Assert
        Assert.Same(bare, options);
        var leaf = options.ServerCertificateContext!.TargetCertificate; // the source always builds a context
        Assert.True(leaf.MatchesHostname("localhost"));
        if (!string.IsNullOrEmpty(serverName))
        {
            Assert.False(leaf.MatchesHostname(serverName));
        }
    }

    [Fact]
    public void OptionsFor_SameHostTwice_MintsOnce()
    {
        // Arrange
        using var source = new ServerCertificateSource(LocalCertificateAuthority.LoadOrCreate(_directory, _rootKey, _time), "localhost");

        // Act
        var first = source.OptionsFor("dev.localhost");
        var second = source.OptionsFor("DEV.localhost");

        // Assert
        Assert.Same(first, second);
    }

    [Fact]
    public void LoadOrCreate_Twice_ReusesCaAndWrapsItsKey()
    {
        // Arrange
        using var first = LocalCertificateAuthority.LoadOrCreate(_directory, _rootKey, _time);

        // Act
        using var second = LocalCertificateAuthority.LoadOrCreate(_directory, _rootKey, _time);

        // Assert
        Assert.Equal(first.Certificate.Thumbprint, second.Certificate.Thumbprint);
        Assert.True(second.Certificate.HasPrivateKey);
        var wrappedKey = File.ReadAllBytes(Path.Combine(_directory, "ca.key"));
        using var key = first.Certificate.GetECDsaPrivateKey()!; // created with an ECDSA key
        var pkcs8 = key.ExportPkcs8PrivateKey();
        Assert.Equal(-1, wrappedKey.AsSpan().IndexOf(pkcs8.AsSpan(pkcs8.Length - 32)));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_directory, "ca.key")));
        }
    }

    [Fact]
    public void LoadOrCreate_OtherRootKey_Throws()
    {
        // Arrange
        using (LocalCertificateAuthority.LoadOrCreate(_directory, _rootKey, _time))
        {
        }

        using var otherRootKey = new RootKey(RootKey.Generate(), "test");

        // Act
        var exception = Record.Exception(() => LocalCertificateAuthority.LoadOrCreate(_directory, otherRootKey, _time));

        // Assert
        Assert.IsAssignableFrom<CryptographicException>(exception);
    }

    public void Dispose()
    {
        _rootKey.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static bool Chains(X509Certificate2 leaf, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = new DateTime(2025, 7, 2, 0, 0, 0, DateTimeKind.Utc);
        return chain.Build(leaf);
    }
}
