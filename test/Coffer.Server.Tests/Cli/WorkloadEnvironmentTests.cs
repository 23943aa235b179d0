using Coffer.Server.Cli;
using Coffer.Server.Cli.Client;
using Coffer.Server.Hosting;

namespace Coffer.Server.Tests.Cli;

public sealed class WorkloadEnvironmentTests
{
    private static readonly WorkloadCredential Credential = new("c1", "http://127.0.0.1:8081/msi/token", "s3cr3t/with+chars=", "client", "2030-01-01T00:00:00Z");

    [Fact]
    public void Apply_SetsAppServicePair_RemovesEarlierChainVariables_AddsCaTrust()
    {
        // Arrange
        var environment = new Dictionary<string, string?>
        {
            ["AZURE_CLIENT_ID"] = "x",
            ["AZURE_CLIENT_SECRET"] = "x",
            ["AZURE_TENANT_ID"] = "x",
            ["MSI_ENDPOINT"] = "x",
            ["MSI_SECRET"] = "x",
            ["IDENTITY_SERVER_THUMBPRINT"] = "x",
            ["PATH"] = "/bin",
        };

        // Act
        WorkloadEnvironment.Apply(environment, Credential, new CaTrust("/tmp/bundle.crt", "/data/ca.crt"));

        // Assert
        Assert.Equal(
            new Dictionary<string, string?>
            {
                ["PATH"] = "/bin",
                ["IDENTITY_ENDPOINT"] = "http://127.0.0.1:8081/msi/token",
                ["IDENTITY_HEADER"] = "s3cr3t/with+chars=",
                ["SSL_CERT_FILE"] = "/tmp/bundle.crt",
                ["REQUESTS_CA_BUNDLE"] = "/tmp/bundle.crt",
                ["NODE_EXTRA_CA_CERTS"] = "/data/ca.crt",
            },
            environment);
    }

    [Fact]
    public void ExportLines_SayNotRevoked_UnsetChainVariables_ExportPairAndTrust()
    {
        // Act
        var lines = WorkloadEnvironment.ExportLines("app", Credential, new CaTrust("/home/me/my bundle.crt", "/data/ca.crt")).Split('\n');

        // Assert
        Assert.StartsWith("# Managed identity 'app': credential c1, valid until 2030-01-01T00:00:00Z.", lines[0], StringComparison.Ordinal);
        Assert.Contains("NOT revoked", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("unset AZURE_CLIENT_ID AZURE_CLIENT_SECRET AZURE_TENANT_ID ", lines[2], StringComparison.Ordinal);
        Assert.Equal("export IDENTITY_ENDPOINT=http://127.0.0.1:8081/msi/token", lines[3]);
        Assert.Equal("export IDENTITY_HEADER=s3cr3t/with+chars=", lines[4]);
        Assert.Equal("export SSL_CERT_FILE='/home/me/my bundle.crt'", lines[5]);
        Assert.Equal("export REQUESTS_CA_BUNDLE='/home/me/my bundle.crt'", lines[6]);
        Assert.Equal("export NODE_EXTRA_CA_CERTS=/data/ca.crt", lines[7]);
    }

    [Theory]
    [InlineData("plain-Value_1.2", "plain-Value_1.2")]
    [InlineData("it's $HOME", "'it'\\''s $HOME'")]
    [InlineData("", "''")]
    public void Quote_IsSafeForPosixShells(string value, string expected) => Assert.Equal(expected, WorkloadEnvironment.Quote(value));

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("30m", 1800)]
    [InlineData("8h", 28800)]
    [InlineData("2d", 172800)]
    public void ParseDuration_NumberAndUnit(string text, int seconds) => Assert.Equal(TimeSpan.FromSeconds(seconds), WorkloadEnvironment.ParseDuration(text));

    [Theory]
    [InlineData("8")]
    [InlineData("0h")]
    [InlineData("-1h")]
    [InlineData("8 hours")]
    public void ParseDuration_Other_ThrowsUsageException(string text) => Assert.Throws<UsageException>(() => WorkloadEnvironment.ParseDuration(text));

    [Fact]
    public void Credential_ToString_NeverShowsTheHeader() => Assert.DoesNotContain("s3cr3t", Credential.ToString(), StringComparison.Ordinal);
}
