using Coffer.Server.Hosting;

namespace Coffer.Server.Tests.Hosting;

public sealed class DevEnvironmentTests
{
    [Fact]
    public void Lines_CustomPorts_PointAtVaultIdentityAndCa()
    {
        // Arrange
        var options = new ServeOptions { Port = 9443, IdentityPort = 9081, DnsSuffix = "localhost" };

        // Act
        var lines = DevEnvironment.Lines(options, "the-credential", new CaTrust("/data/ca-bundle.crt", "/data/ca.crt"));

        // Assert
        var exports = DevEnvFile.Parse(lines);
        Assert.Equal("https://dev.localhost:9443", exports["VAULT_URL"]);
        Assert.Equal("http://127.0.0.1:9081/msi/token", exports["IDENTITY_ENDPOINT"]);
        Assert.Equal("the-credential", exports["IDENTITY_HEADER"]);
        Assert.Equal("/data/ca-bundle.crt", exports["SSL_CERT_FILE"]);
        Assert.Equal("/data/ca-bundle.crt", exports["REQUESTS_CA_BUNDLE"]);
        Assert.Equal("/data/ca.crt", exports["NODE_EXTRA_CA_CERTS"]);
        Assert.Contains("unset AZURE_CLIENT_ID AZURE_CLIENT_SECRET AZURE_TENANT_ID", lines, StringComparison.Ordinal);
    }

    [Fact]
    public void Lines_Port443_LeavesPortOut()
    {
        // Arrange
        var options = new ServeOptions { Port = 443, DnsSuffix = "vault.example.com" };

        // Act
        var lines = DevEnvironment.Lines(options, "c", new CaTrust("/b", "/a"));

        // Assert
        Assert.Equal("https://dev.vault.example.com", DevEnvFile.Parse(lines)["VAULT_URL"]);
    }
}
