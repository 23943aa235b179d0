using System.Text.Json.Nodes;
using Coffer.Core.Identity;

namespace Coffer.Core.Tests.Identity;

/// <summary>
/// Signing-key rotation on a fake clock (period 30 days, published 1 day ahead, tokens valid 1 hour plus 5 minutes of
/// skew): the next key is published before any token carries it, signs from its activation, and the old key verifies
/// until its last token has expired, then is dropped.
/// </summary>
public sealed class SigningKeyRotationTests
{
    private static readonly SigningKeyRotation Rotation = new(TimeSpan.FromDays(30), TimeSpan.FromDays(1));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RotateAsync_BeforePrePublication_AddsNoKey()
    {
        // Arrange
        using var bench = await TokenBench.CreateAsync(Ct);
        bench.Time.Advance(TimeSpan.FromDays(29) - TimeSpan.FromSeconds(1));

        // Act
        await bench.Ring.RotateAsync(Rotation, Retention(bench), Ct);

        // Assert
        Assert.Single(bench.Ring.PublicKeys);
        Assert.Single(bench.Store.Keys);
    }

    [Fact]
    public async Task RotateAsync_InPrePublication_PublishesNextKeyBeforeAnyTokenCarriesIt()
    {
        // Arrange
        using var bench = await TokenBench.CreateAsync(Ct);
        var first = bench.Ring.Current.KeyId;
        bench.Time.Advance(TimeSpan.FromDays(29));

        // Act
        await bench.Ring.RotateAsync(Rotation, Retention(bench), Ct);

        // Assert
        var published = bench.Ring.PublicKeys.Select(k => k.KeyId).ToList();
        Assert.Equal(2, published.Count);
        var next = Assert.Single(published, id => id != first);
        Assert.Equal(first, KeyIdOf(bench.IssueToken()));
        Assert.Equal(TokenBench.Start + Rotation.Period, bench.Store.Keys.Single(k => k.KeyId == next).Activates);
    }

    [Fact]
    public async Task Current_AfterActivation_SignsWithNewKeyWhileOldTokensStillVerify()
    {
        // Arrange
        using var bench = await TokenBench.CreateAsync(Ct);
        var first = bench.Ring.Current.KeyId;
        bench.Time.Advance(TimeSpan.FromDays(29));
        await bench.Ring.RotateAsync(Rotation, Retention(bench), Ct);
        bench.Time.Advance(TimeSpan.FromDays(1) - TimeSpan.FromMinutes(10));
        var oldToken = bench.IssueToken();

        // Act
        bench.Time.Advance(TimeSpan.FromMinutes(20));
        await bench.Ring.RotateAsync(Rotation, Retention(bench), Ct);
        var newToken = bench.IssueToken();

        // Assert
        Assert.Equal(first, KeyIdOf(oldToken));
        Assert.NotEqual(first, KeyIdOf(newToken));
        Assert.True(bench.Validator.TryValidate(oldToken, TokenBench.Audience, out _, out var oldFailure), oldFailure);
        Assert.True(bench.Validator.TryValidate(newToken, TokenBench.Audience, out _, out var newFailure), newFailure);
    }

    [Fact]
    public async Task RotateAsync_AfterRetirementPlusLifetimeAndSkew_DropsOldKeyAndRejectsItsTokens()
    {
        // Arrange
        using var bench = await TokenBench.CreateAsync(Ct);
        var (first, firstKey) = bench.Ring.Current;
        bench.Time.Advance(TimeSpan.FromDays(29));
        await bench.Ring.RotateAsync(Rotation, Retention(bench), Ct);
        bench.Time.Advance(TimeSpan.FromDays(1) - TimeSpan.FromSeconds(1));
        var lastOldToken = bench.IssueToken();
        bench.Time.Advance(TimeSpan.FromSeconds(1) + Retention(bench) - TimeSpan.FromSeconds(1));
        await bench.Ring.RotateAsync(Rotation, Retention(bench), Ct);
        Assert.Contains(bench.Ring.PublicKeys, k => k.KeyId == first);

        // Act
        bench.Time.Advance(TimeSpan.FromSeconds(1));
        await bench.Ring.RotateAsync(Rotation, Retention(bench), Ct);

        // Assert
        Assert.DoesNotContain(bench.Ring.PublicKeys, k => k.KeyId == first);
        Assert.DoesNotContain(bench.Store.Keys, k => k.KeyId == first);
        Assert.False(bench.Validator.TryValidate(lastOldToken, TokenBench.Audience, out _, out _));
        var forged = ForgeFresh(bench, first, firstKey);
        Assert.False(bench.Validator.TryValidate(forged, TokenBench.Audience, out _, out var failure));
        Assert.Equal("The token is signed with an unknown key.", failure);
    }

    [Fact]
    public async Task LoadAsync_AfterRotation_RestoresActivationTimes()
    {
        // Arrange
        using var bench = await TokenBench.CreateAsync(Ct);
        bench.Time.Advance(TimeSpan.FromDays(29));
        await bench.Ring.RotateAsync(Rotation, Retention(bench), Ct);
        using var restarted = new SigningKeyRing(bench.RootKey, bench.Store, bench.Time);

        // Act
        await restarted.LoadAsync(Ct);

        // Assert
        Assert.Equal(bench.Ring.PublicKeys.Select(k => k.KeyId).Order(), restarted.PublicKeys.Select(k => k.KeyId).Order());
        Assert.Equal(bench.Ring.Current.KeyId, restarted.Current.KeyId);
        bench.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(bench.Ring.Current.KeyId, restarted.Current.KeyId);
        Assert.NotEqual(bench.Store.Keys[0].KeyId, restarted.Current.KeyId);
    }

    [Fact]
    public async Task RotateAsync_AfterLongStop_PublishesAFullPrePublicationAhead()
    {
        // Arrange: the server was down past the planned activation.
        using var bench = await TokenBench.CreateAsync(Ct);
        var first = bench.Ring.Current.KeyId;
        bench.Time.Advance(TimeSpan.FromDays(45));

        // Act
        await bench.Ring.RotateAsync(Rotation, Retention(bench), Ct);

        // Assert
        Assert.Equal(first, bench.Ring.Current.KeyId);
        Assert.Equal(bench.Time.GetUtcNow() + Rotation.PrePublication, bench.Store.Keys[^1].Activates);
    }

    private static TimeSpan Retention(TokenBench bench) => bench.Authority.Lifetime + bench.Authority.ClockSkew;

    private static string KeyIdOf(string token) => JsonNode.Parse(TokenBench.DecodeSegment(token, 0))!["kid"]!.GetValue<string>(); // Coffer's tokens always name their key

    /// <summary>A token that would be valid now in every respect, signed by the dropped key.</summary>
    private static string ForgeFresh(TokenBench bench, string keyId, System.Security.Cryptography.RSA key)
    {
        var now = bench.Time.GetUtcNow().ToUnixTimeSeconds();
        var payload = JsonNode.Parse(TokenBench.DecodeSegment(bench.IssueToken(), 1))!.AsObject(); // issued by the bench, so JSON
        payload["nbf"] = now;
        payload["iat"] = now;
        payload["exp"] = now + 600;
        return TokenBench.Sign(key, $$"""{"alg":"RS256","kid":"{{keyId}}","typ":"JWT"}""", payload.ToJsonString());
    }
}
