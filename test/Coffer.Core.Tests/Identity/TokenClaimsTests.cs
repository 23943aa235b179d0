using System.Text.Json.Nodes;
using Coffer.Core.Identity;

namespace Coffer.Core.Tests.Identity;

/// <summary>The claims of an application token, as Entra writes them, and Coffer's two issuers.</summary>
public sealed class TokenClaimsTests
{
    [Fact]
    public async Task Issue_SecretCredential_WritesApplicationClaims()
    {
        // Arrange
        using var bench = await TokenBench.CreateAsync(TestContext.Current.CancellationToken);
        var subject = new TokenSubject(Guid.NewGuid(), Guid.NewGuid(), "key-1", Authentication: ClientAuthentication.Secret);

        // Act
        var payload = Payload(bench.Issuer.Issue(subject, TokenBench.Audience).AccessToken);

        // Assert
        Assert.Equal(subject.ObjectId.ToString("D"), (string?)payload["oid"]);
        Assert.Equal(subject.ObjectId.ToString("D"), (string?)payload["sub"]);
        Assert.Equal(subject.AppId.ToString("D"), (string?)payload["appid"]);
        Assert.Equal(subject.AppId.ToString("D"), (string?)payload["azp"]);
        Assert.Equal("1", (string?)payload["appidacr"]);
        Assert.Equal("app", (string?)payload["idtyp"]);
        Assert.Equal("2.0", (string?)payload["ver"]);
        Assert.Equal("key-1", (string?)payload[TokenIssuer.CredentialIdClaim]);
        Assert.Equal(bench.Authority.TenantId.ToString("D"), (string?)payload["tid"]);
        Assert.Null(payload["xms_mirid"]);
    }

    [Fact]
    public async Task Issue_ManagedIdentitySubject_WritesMiridAndCertificateAcr()
    {
        // Arrange
        using var bench = await TokenBench.CreateAsync(TestContext.Current.CancellationToken);
        const string ResourceId = "/subscriptions/s/resourcegroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/worker";
        var subject = new TokenSubject(Guid.NewGuid(), Guid.NewGuid(), "mi-credential", ResourceId);

        // Act
        var payload = Payload(bench.Issuer.Issue(subject, TokenBench.Audience).AccessToken);

        // Assert
        Assert.Equal(ResourceId, (string?)payload["xms_mirid"]);
        Assert.Equal("2", (string?)payload["appidacr"]);
    }

    [Fact]
    public async Task Issue_SameSubjectTwiceInOneSecond_HasUniqueUti()
    {
        // Arrange
        using var bench = await TokenBench.CreateAsync(TestContext.Current.CancellationToken);
        var subject = new TokenSubject(Guid.NewGuid(), Guid.NewGuid(), "key");

        // Act
        var first = (string?)Payload(bench.Issuer.Issue(subject, TokenBench.Audience).AccessToken)["uti"];
        var second = (string?)Payload(bench.Issuer.Issue(subject, TokenBench.Audience).AccessToken)["uti"];

        // Assert
        Assert.False(string.IsNullOrEmpty(first));
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Issue_AdfsIssuer_IsAcceptedByValidatorAndSaysVersion1()
    {
        // Arrange
        using var bench = await TokenBench.CreateAsync(TestContext.Current.CancellationToken);
        var authority = bench.Authority with { AdfsIssuer = "https://localhost:8443/adfs" };
        var issuer = new TokenIssuer(bench.Ring, authority, bench.Time);
        var validator = new TokenValidator(bench.Ring, authority, bench.Credentials, bench.Time);
        await bench.Credentials.AddAsync("key");

        // Act
        var token = issuer.Issue(new TokenSubject(Guid.NewGuid(), Guid.NewGuid(), "key"), TokenBench.Audience, "https://localhost:8443/adfs").AccessToken;
        var ok = validator.TryValidate(token, TokenBench.Audience, out _, out var failure);

        // Assert
        Assert.True(ok, failure);
        Assert.Equal("https://localhost:8443/adfs", (string?)Payload(token)["iss"]);
        Assert.Equal("1.0", (string?)Payload(token)["ver"]);
        Assert.False(bench.Validator.TryValidate(token, TokenBench.Audience, out _, out _)); // an authority without ADFS refuses it
    }

    [Fact]
    public async Task Issue_ForeignIssuer_Throws()
    {
        // Arrange
        using var bench = await TokenBench.CreateAsync(TestContext.Current.CancellationToken);

        // Act
        var error = Record.Exception(() => bench.Issuer.Issue(new TokenSubject(Guid.NewGuid(), Guid.NewGuid(), "key"), TokenBench.Audience, "https://login.microsoftonline.com/x/v2.0"));

        // Assert
        Assert.IsType<ArgumentException>(error);
    }

    private static JsonObject Payload(string token) => JsonNode.Parse(TokenBench.DecodeSegment(token, 1))!.AsObject(); // the issuer writes a JSON object
}
