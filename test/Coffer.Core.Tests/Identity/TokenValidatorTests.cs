using System.Text.Json.Nodes;
using Coffer.Core.Identity;
using Microsoft.Extensions.Time.Testing;

namespace Coffer.Core.Tests.Identity;

public sealed class TokenValidatorTests
{
    [Fact]
    public async Task TryValidate_IssuedToken_ReturnsPrincipalOfIdentity()
    {
        // Arrange
        using var bench = await TokenBench.CreateAsync(TestContext.Current.CancellationToken);
        var token = bench.IssueToken();

        // Act
        var ok = bench.Validator.TryValidate(token, TokenBench.Audience, out var principal, out var failure);

        // Assert
        Assert.True(ok, failure);
        Assert.Equal(string.Empty, failure);
        Assert.Equal(bench.Identity.PrincipalId, principal.ObjectId);
        Assert.Equal(bench.Authority.TenantId, principal.TenantId);
        Assert.Equal(bench.Identity.ClientId.ToString("D"), principal.AppId);
        Assert.Equal(TokenBench.Start + bench.Authority.Lifetime, principal.Expires);
    }

    [Fact]
    public async Task TryValidate_SameTokenTwice_ReturnsSamePrincipal()
    {
        // Arrange
        using var bench = await TokenBench.CreateAsync(TestContext.Current.CancellationToken);
        var token = bench.IssueToken();
        Assert.True(bench.Validator.TryValidate(token, TokenBench.Audience, out var first, out _));

        // Act
        var ok = bench.Validator.TryValidate(token, TokenBench.Audience, out var second, out var failure);

        // Assert
        Assert.True(ok, failure);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task TryValidate_SpanOfAHeader_AnswersAsTheString_FirstTimeAndCached()
    {
        // Arrange
        using var bench = await TokenBench.CreateAsync(TestContext.Current.CancellationToken);
        var token = bench.IssueToken();
        var header = "Bearer " + token;

        // Act
        var first = bench.Validator.TryValidate(header.AsSpan(7), TokenBench.Audience, out var fromSpan, out var failure);
        var cached = bench.Validator.TryValidate(header.AsSpan(7), TokenBench.Audience, out var fromCache, out _);
        var wrongAudience = bench.Validator.TryValidate(header.AsSpan(7), "https://elsewhere:8443", out _, out _);
        var truncated = bench.Validator.TryValidate(header.AsSpan(7, token.Length - 1), TokenBench.Audience, out _, out _);

        // Assert
        Assert.True(first, failure);
        Assert.True(cached);
        Assert.True(bench.Validator.TryValidate(token, TokenBench.Audience, out var fromString, out _));
        Assert.Equal(fromString, fromSpan);
        Assert.Equal(fromString, fromCache);
        Assert.False(wrongAudience);
        Assert.False(truncated);
    }

    [Theory]
    [InlineData("https://localhost:8443/")]
    [InlineData("HTTPS://LOCALHOST:8443")]
    public async Task TryValidate_AudienceWithTrailingSlashOrOtherCase_ReturnsTrue(string audience)
    {
        // Arrange
        using var bench = await TokenBench.CreateAsync(TestContext.Current.CancellationToken);
        var token = bench.IssueToken();

        // Act
        var ok = bench.Validator.TryValidate(token, audience, out _, out var failure);

        // Assert
        Assert.True(ok, failure);
    }

    [Fact]
    public async Task TryValidate_PastExpiryPlusClockSkew_ReturnsFalse()
    {
        // Arrange
        using var bench = await TokenBench.CreateAsync(TestContext.Current.CancellationToken);
        var token = bench.IssueToken();
        bench.Time.Advance(bench.Authority.Lifetime + bench.Authority.ClockSkew + TimeSpan.FromSeconds(1));

        // Act
        var ok = bench.Validator.TryValidate(token, TokenBench.Audience, out _, out var failure);

        // Assert
        Assert.False(ok);
        Assert.Contains("expired", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryValidate_PastExpiryButWithinClockSkew_ReturnsTrue()
    {
        // Arrange
        using var bench = await TokenBench.CreateAsync(TestContext.Current.CancellationToken);
        var token = bench.IssueToken();
        bench.Time.Advance(bench.Authority.Lifetime + bench.Authority.ClockSkew - TimeSpan.FromSeconds(1));

        // Act
        var ok = bench.Validator.TryValidate(token, TokenBench.Audience, out _, out var failure);

        // Assert
        Assert.True(ok, failure);
    }

    [Fact]
    public async Task TryValidate_CachedTokenAfterExpiry_ReturnsFalse()
    {
        // Arrange
        using var bench = await TokenBench.CreateAsync(TestContext.Current.CancellationToken);
        var token = bench.IssueToken();
        Assert.True(bench.Validator.TryValidate(token, TokenBench.Audience, out _, out _));
        bench.Time.Advance(bench.Authority.Lifetime + bench.Authority.ClockSkew + TimeSpan.FromSeconds(1));

        // Act
        var ok = bench.Validator.TryValidate(token, TokenBench.Audience, out _, out var failure);

        // Assert
        Assert.False(ok);
        Assert.Contains("expired", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryValidate_NotBeforeBeyondClockSkew_ReturnsFalse()
    {
        // Arrange
        using var bench = await TokenBench.CreateAsync(TestContext.Current.CancellationToken);
        bench.Time.Advance(bench.Authority.ClockSkew + TimeSpan.FromMinutes(1));
        var token = bench.IssueToken();
        var validator = new TokenValidator(bench.Ring, bench.Authority, bench.Credentials, new FakeTimeProvider(TokenBench.Start));

        // Act
        var ok = validator.TryValidate(token, TokenBench.Audience, out _, out var failure);

        // Assert
        Assert.False(ok);
        Assert.Contains("not yet valid", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryValidate_NotBeforeWithinClockSkew_ReturnsTrue()
    {
        // Arrange
        using var bench = await TokenBench.CreateAsync(TestContext.Current.CancellationToken);
        bench.Time.Advance(bench.Authority.ClockSkew - TimeSpan.FromMinutes(1));
        var token = bench.IssueToken();
        var validator = new TokenValidator(bench.Ring, bench.Authority, bench.Credentials, new FakeTimeProvider(TokenBench.Start));

        // Act
        var ok = validator.TryValidate(token, TokenBench.Audience, out _, out var failure);

        // Assert
        Assert.True(ok, failure);
    }

    [Theory]
    [InlineData("https://localhost:8444")]
    [InlineData("https://evil.localhost:8443")]
    [InlineData("https://vault.azure.net")]
    public async Task TryValidate_OtherAudience_ReturnsFalse(string audience)
    {
        // Arrange
        using var bench = await TokenBench.CreateAsync(TestContext.Current.CancellationToken);
        var token = bench.IssueToken();

        // Act
        var ok = bench.Validator.TryValidate(token, audience, out _, out var failure);

        // Assert
        Assert.False(ok);
        Assert.Contains("audience", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryValidate_CachedTokenForOtherAudience_ReturnsFalse()
    {
        // Arrange
        using var bench = await TokenBench.CreateAsync(TestContext.Current.CancellationToken);
        var token = bench.IssueToken();
        Assert.True(bench.Validator.TryValidate(token, TokenBench.Audience, out _, out _));

        // Act
        var ok = bench.Validator.TryValidate(token, "https://localhost:9443", out _, out var failure);

        // Assert
        Assert.False(ok);
        Assert.Contains("audience", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryValidate_OtherIssuer_ReturnsFalse()
    {
        // Arrange
        using var bench = await TokenBench.CreateAsync(TestContext.Current.CancellationToken);
        var otherAuthority = bench.Authority with { Issuer = "https://login.microsoftonline.com/" + bench.Authority.TenantId + "/v2.0" };
        var token = new TokenIssuer(bench.Ring, otherAuthority, bench.Time).Issue(bench.Identity, TokenBench.Audience).AccessToken;

        // Act
        var ok = bench.Validator.TryValidate(token, TokenBench.Audience, out _, out var failure);

        // Assert
        Assert.False(ok);
        Assert.Contains("issuer", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("oid")]
    [InlineData("tid")]
    [InlineData("exp")]
    [InlineData("nbf")]
    [InlineData("aud")]
    [InlineData("iss")]
    public async Task TryValidate_SignedTokenMissingRequiredClaim_ReturnsFalse(string claim)
    {
        // Arrange
        using var bench = await TokenBench.CreateAsync(TestContext.Current.CancellationToken);
        var valid = bench.IssueToken();
        var payload = JsonNode.Parse(TokenBench.DecodeSegment(valid, 1))!.AsObject(); // the issuer writes a JSON object
        payload.Remove(claim);
        var token = bench.Sign(TokenBench.DecodeSegment(valid, 0), payload.ToJsonString());

        // Act
        var ok = bench.Validator.TryValidate(token, TokenBench.Audience, out _, out var failure);

        // Assert
        Assert.False(ok);
        Assert.NotEmpty(failure);
    }

    [Theory]
    [InlineData("oid", "\"not-a-guid\"")]
    [InlineData("tid", "42")]
    [InlineData("aud", "[\"https://localhost:8443\"]")]
    [InlineData("exp", "1.5e3")]
    [InlineData("exp", "-1")]
    public async Task TryValidate_SignedTokenWithMistypedClaim_ReturnsFalse(string claim, string jsonValue)
    {
        // Arrange
        using var bench = await TokenBench.CreateAsync(TestContext.Current.CancellationToken);
        var valid = bench.IssueToken();
        var payload = JsonNode.Parse(TokenBench.DecodeSegment(valid, 1))!.AsObject(); // the issuer writes a JSON object
        payload[claim] = JsonNode.Parse(jsonValue);
        var token = bench.Sign(TokenBench.DecodeSegment(valid, 0), payload.ToJsonString());

        // Act
        var ok = bench.Validator.TryValidate(token, TokenBench.Audience, out _, out var failure);

        // Assert
        Assert.False(ok);
        Assert.NotEmpty(failure);
    }

    /// <summary>
    /// A Try method reports failure instead of throwing: a well-signed token whose time claim is not a JSON number
    /// must be rejected (a 401), not crash the request (a 500).
    /// </summary>

    [Theory]
    [InlineData("exp", "\"2099-01-01\"")]
    [InlineData("nbf", "true")]
    [InlineData("exp", "null")]
    public async Task TryValidate_SignedTokenWithNonNumericTimeClaim_ReturnsFalse(string claim, string jsonValue)
    {
        // Arrange
        using var bench = await TokenBench.CreateAsync(TestContext.Current.CancellationToken);
        var valid = bench.IssueToken();
        var payload = JsonNode.Parse(TokenBench.DecodeSegment(valid, 1))!.AsObject(); // the issuer writes a JSON object
        payload[claim] = JsonNode.Parse(jsonValue);
        var token = bench.Sign(TokenBench.DecodeSegment(valid, 0), payload.ToJsonString());
        var ok = true;
        var failure = string.Empty;

        // Act
        var exception = Record.Exception(() => ok = bench.Validator.TryValidate(token, TokenBench.Audience, out _, out failure));

        // Assert
        Assert.Null(exception);
        Assert.False(ok);
        Assert.NotEmpty(failure);
    }

    [Fact]
    public async Task Issue_Always_WritesRs256HeaderAndExpectedClaims()
    {
        // Arrange
        using var bench = await TokenBench.CreateAsync(TestContext.Current.CancellationToken);

        // Act
        var issued = bench.Issuer.Issue(bench.Identity, TokenBench.Audience);

        // Assert
        var header = JsonNode.Parse(TokenBench.DecodeSegment(issued.AccessToken, 0))!; // the issuer writes a JSON object
        var payload = JsonNode.Parse(TokenBench.DecodeSegment(issued.AccessToken, 1))!; // the issuer writes a JSON object
        Assert.Equal("RS256", (string?)header["alg"]);
        Assert.Equal(bench.Ring.Current.KeyId, (string?)header["kid"]);
        Assert.Equal(TokenBench.Audience, (string?)payload["aud"]);
        Assert.Equal(bench.Authority.Issuer, (string?)payload["iss"]);
        Assert.Equal(bench.Identity.PrincipalId.ToString("D"), (string?)payload["oid"]);
        Assert.Equal(bench.Authority.TenantId.ToString("D"), (string?)payload["tid"]);
        Assert.Equal("app", (string?)payload["idtyp"]);
        Assert.Equal(TokenBench.Start.ToUnixTimeSeconds(), (long?)payload["nbf"]);
        Assert.Equal(TokenBench.Start.ToUnixTimeSeconds(), (long?)payload["iat"]);
        Assert.Equal((TokenBench.Start + bench.Authority.Lifetime).ToUnixTimeSeconds(), (long?)payload["exp"]);
        Assert.Equal(TokenBench.Start, issued.IssuedAt);
        Assert.Equal(TokenBench.Start + bench.Authority.Lifetime, issued.Expires);
    }
}
