using Coffer.Core.Identity.External;
using Coffer.Server.Cli;

namespace Coffer.Server.Tests.Cli;

/// <summary><c>coffer serve --trust-issuer URL [--trust-audience AUDIENCE]</c>, repeatable.</summary>
public sealed class ServeTrustIssuerTests
{
    [Fact]
    public void Parse_IssuersWithAndWithoutAudience_KeepsEachAudienceWithItsIssuer()
    {
        // Act
        var options = ServeCommand.Parse(new Arguments(
        [
            "--trust-issuer", "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0", "--trust-audience", "api://coffer",
            "--trust-issuer=https://idp.example.com/realms/ops",
            "--trust-issuer", "http://127.0.0.1:8080/realms/test", "--trust-audience=coffer",
        ]));

        // Assert
        Assert.Equal(
            [
                new TrustedIssuer("https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0", "api://coffer"),
                new TrustedIssuer("https://idp.example.com/realms/ops"),
                new TrustedIssuer("http://127.0.0.1:8080/realms/test", "coffer"),
            ],
            options.ExternalIssuers.Issuers);
    }

    [Fact]
    public void Parse_NoTrustIssuer_TrustsNone()
    {
        // Act
        var options = ServeCommand.Parse(new Arguments([]));

        // Assert
        Assert.Empty(options.ExternalIssuers.Issuers);
    }

    [Theory]
    [InlineData("http://idp.example.com/realms/x")] // clear text over a network
    [InlineData("http://10.0.0.5/realms/x")]
    [InlineData("ftp://idp.example.com")]
    [InlineData("idp.example.com/realms/x")]
    [InlineData("https://idp.example.com/realms/x?tenant=1")]
    public void Parse_IssuerNotHttpsNorLoopbackHttp_ThrowsUsageException(string url)
    {
        // Act
        var error = Assert.Throws<UsageException>(() => ServeCommand.Parse(new Arguments(["--trust-issuer", url])));

        // Assert
        Assert.Contains("--trust-issuer", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9000/realms/x")]
    [InlineData("http://localhost:9000/realms/x")]
    [InlineData("http://[::1]:9000/")]
    public void Parse_LoopbackHttpIssuer_IsAllowed(string url)
    {
        // Act
        var options = ServeCommand.Parse(new Arguments(["--trust-issuer", url]));

        // Assert
        Assert.Equal(url, Assert.Single(options.ExternalIssuers.Issuers).Issuer);
    }

    [Theory]
    [InlineData("--trust-audience", "api://x")]
    [InlineData("--trust-issuer", "https://a.example.com", "--trust-audience", "x", "--trust-audience", "y")]
    [InlineData("--trust-issuer", "https://a.example.com", "--trust-issuer", "https://a.example.com")]
    public void Parse_AudienceWithoutIssuerOrTwice_ThrowsUsageException(params string[] args)
    {
        // Act and Assert
        Assert.Throws<UsageException>(() => ServeCommand.Parse(new Arguments(args)));
    }
}
