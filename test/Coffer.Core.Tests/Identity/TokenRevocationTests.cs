using System.Text.Json.Nodes;
using Coffer.Core.Cluster;
using Coffer.Core.Identity;
using Coffer.Core.Tests.Cluster;

namespace Coffer.Core.Tests.Identity;

/// <summary>Tokens die with their credential: the validator asks the <see cref="CredentialDirectory"/> on every call, cached or not.</summary>
public sealed class TokenRevocationTests
{
    private static readonly Guid ObjectId = Guid.NewGuid();
    private static readonly Guid AppId = Guid.NewGuid();

    [Fact]
    public async Task TryValidate_CredentialRevokedAfterValidation_ReturnsFalse()
    {
        // Arrange
        using var bench = await TokenBench.CreateAsync(TestContext.Current.CancellationToken);
        var credentialId = Guid.NewGuid().ToString("D");
        await bench.Credentials.AddAsync(credentialId);
        var token = bench.Issuer.Issue(new TokenSubject(ObjectId, AppId, credentialId), TokenBench.Audience).AccessToken;
        Assert.True(bench.Validator.TryValidate(token, TokenBench.Audience, out _, out var before), before);

        // Act
        await bench.Credentials.RevokeAsync(credentialId);
        var ok = bench.Validator.TryValidate(token, TokenBench.Audience, out _, out var failure);

        // Assert
        Assert.False(ok);
        Assert.Contains("credential", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryValidate_CredentialNeverRegistered_ReturnsFalse()
    {
        // Arrange
        using var bench = await TokenBench.CreateAsync(TestContext.Current.CancellationToken);
        var token = bench.Issuer.Issue(new TokenSubject(ObjectId, AppId, "unknown-credential"), TokenBench.Audience).AccessToken;

        // Act
        var ok = bench.Validator.TryValidate(token, TokenBench.Audience, out _, out var failure);

        // Assert
        Assert.False(ok);
        Assert.Contains("credential", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryValidate_CredentialPastItsEnd_ReturnsFalseButTrueBefore()
    {
        // Arrange: the credential ends 10 minutes in, well inside the token's hour.
        using var bench = await TokenBench.CreateAsync(TestContext.Current.CancellationToken);
        var credentialId = Guid.NewGuid().ToString("D");
        await bench.Credentials.AddAsync(credentialId, TokenBench.Start.AddMinutes(10));
        var token = bench.Issuer.Issue(new TokenSubject(ObjectId, AppId, credentialId), TokenBench.Audience).AccessToken;
        bench.Time.Advance(TimeSpan.FromMinutes(9));
        Assert.True(bench.Validator.TryValidate(token, TokenBench.Audience, out _, out var before), before);

        // Act
        bench.Time.Advance(TimeSpan.FromMinutes(1));
        var ok = bench.Validator.TryValidate(token, TokenBench.Audience, out _, out _);

        // Assert
        Assert.False(ok);
    }

    [Fact]
    public async Task TryValidate_SignedTokenWithoutCredentialClaim_ReturnsFalse()
    {
        // Arrange: a token Coffer signed, with the credential claim taken out.
        using var bench = await TokenBench.CreateAsync(TestContext.Current.CancellationToken);
        var valid = bench.IssueToken();
        var payload = JsonNode.Parse(TokenBench.DecodeSegment(valid, 1))!.AsObject(); // the issuer writes a JSON object
        Assert.True(payload.Remove(TokenIssuer.CredentialIdClaim));
        var token = bench.Sign(TokenBench.DecodeSegment(valid, 0), payload.ToJsonString());
        Assert.True(bench.Validator.TryValidate(valid, TokenBench.Audience, out _, out var control), control);

        // Act
        var ok = bench.Validator.TryValidate(token, TokenBench.Audience, out _, out _);

        // Assert
        Assert.False(ok);
    }

    [Fact]
    public async Task TryValidate_CredentialClaimSwappedForAnotherLiveOne_IsRefusedBySignature()
    {
        // Arrange: the claim is under the signature, so pointing a token at another live credential breaks it.
        using var bench = await TokenBench.CreateAsync(TestContext.Current.CancellationToken);
        var live = Guid.NewGuid().ToString("D");
        await bench.Credentials.AddAsync(live);
        var valid = bench.IssueToken();
        var parts = valid.Split('.');
        var payload = JsonNode.Parse(TokenBench.DecodeSegment(valid, 1))!.AsObject(); // the issuer writes a JSON object
        payload[TokenIssuer.CredentialIdClaim] = live;
        var token = parts[0] + "." + TokenBench.EncodeSegment(payload.ToJsonString()) + "." + parts[2];

        // Act
        var ok = bench.Validator.TryValidate(token, TokenBench.Audience, out _, out var failure);

        // Assert
        Assert.False(ok);
        Assert.Contains("signature", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue_SubjectWithoutCredential_Throws()
    {
        // Arrange
        using var bench = await TokenBench.CreateAsync(TestContext.Current.CancellationToken);

        // Act
        var error = Record.Exception(() => bench.Issuer.Issue(new TokenSubject(ObjectId, AppId), TokenBench.Audience));

        // Assert
        Assert.IsType<ArgumentException>(error);
    }

    [Fact]
    public async Task CredentialDirectory_LocalChanges_ArePublishedAndAppliedChangesAreNot()
    {
        // Arrange
        var bus = new ChangeBus();
        var directory = new CredentialDirectory(bus.Node());
        var peer = new List<string?>();
        bus.Node().Subscribe(ChangeKinds.Credentials, peer.Add);
        var until = TokenBench.Start.AddDays(1);

        // Act
        await directory.AddAsync("a", until);
        await directory.RevokeAsync("a");
        directory.Apply(new CredentialChange("b", null));
        directory.Apply(new CredentialChange("c", until));

        // Assert
        Assert.Equal([new CredentialChange("a", until).ToKey(), "a"], peer);
        Assert.False(directory.IsLive("a", TokenBench.Start));
        Assert.True(directory.IsLive("c", TokenBench.Start));
        Assert.False(directory.IsLive("c", until));
    }
}
