using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Coffer.Core.Crypto;
using Coffer.Core.Identity;

namespace Coffer.Core.Tests.Identity;

/// <summary>Tokens an attacker could build: other algorithms, keys, altered parts, broken encodings, odd claims.</summary>
public sealed class TokenValidatorForgeryTests
{
    [Fact]
    public async Task TryValidate_AlgNoneWithoutSignature_ReturnsFalse()
    {
        // Arrange
        using var bench = await TokenBench.CreateAsync(TestContext.Current.CancellationToken);
        var valid = bench.IssueToken();
        var header = TokenBench.EncodeSegment($$"""{"alg":"none","kid":"{{bench.Ring.Current.KeyId}}","typ":"JWT"}""");
        var token = header + "." + TokenBench.Segment(valid, 1) + ".";

        // Act
        var ok = bench.Validator.TryValidate(token, TokenBench.Audience, out _, out var failure);

        // Assert
        Assert.False(ok);
        Assert.Contains("RS256", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryValidate_AlgNoneKeepingRs256Signature_ReturnsFalse()
    {
        // Arrange
        using var bench = await TokenBench.CreateAsync(TestContext.Current.CancellationToken);
        var valid = bench.IssueToken();
        var header = TokenBench.EncodeSegment($$"""{"alg":"none","kid":"{{bench.Ring.Current.KeyId}}","typ":"JWT"}""");
        var token = header + "." + TokenBench.Segment(valid, 1) + "." + TokenBench.Segment(valid, 2);

        // Act
        var ok = bench.Validator.TryValidate(token, TokenBench.Audience, out _, out _);

        // Assert
        Assert.False(ok);
    }

    [Fact]
    public async Task TryValidate_Hs256SignedWithPublicKey_ReturnsFalse()
    {
        // Arrange
        using var bench = await TokenBench.CreateAsync(TestContext.Current.CancellationToken);
        var valid = bench.IssueToken();
        var header = TokenBench.EncodeSegment($$"""{"alg":"HS256","kid":"{{bench.Ring.Current.KeyId}}","typ":"JWT"}""");
        var signingInput = header + "." + TokenBench.Segment(valid, 1);
        var hmacKey = bench.Ring.Current.Key.ExportSubjectPublicKeyInfo();
        var signature = HMACSHA256.HashData(hmacKey, Encoding.ASCII.GetBytes(signingInput));
        var token = signingInput + "." + Base64Url.Encode(signature);

        // Act
        var ok = bench.Validator.TryValidate(token, TokenBench.Audience, out _, out var failure);

        // Assert
        Assert.False(ok);
        Assert.Contains("RS256", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryValidate_UnknownKeyId_ReturnsFalse()
    {
        // Arrange
        using var bench = await TokenBench.CreateAsync(TestContext.Current.CancellationToken);
        var payload = TokenBench.DecodeSegment(bench.IssueToken(), 1);
        var token = bench.Sign("""{"alg":"RS256","kid":"no-such-key","typ":"JWT"}""", payload);

        // Act
        var ok = bench.Validator.TryValidate(token, TokenBench.Audience, out _, out var failure);

        // Assert
        Assert.False(ok);
        Assert.Contains("unknown key", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryValidate_HeaderWithoutKeyId_ReturnsFalse()
    {
        // Arrange
        using var bench = await TokenBench.CreateAsync(TestContext.Current.CancellationToken);
        var payload = TokenBench.DecodeSegment(bench.IssueToken(), 1);
        var token = bench.Sign("""{"alg":"RS256","typ":"JWT"}""", payload);

        // Act
        var ok = bench.Validator.TryValidate(token, TokenBench.Audience, out _, out _);

        // Assert
        Assert.False(ok);
    }

    [Fact]
    public async Task TryValidate_PayloadAlteredAfterSigning_ReturnsFalse()
    {
        // Arrange
        using var bench = await TokenBench.CreateAsync(TestContext.Current.CancellationToken);
        var valid = bench.IssueToken();
        var payload = JsonNode.Parse(TokenBench.DecodeSegment(valid, 1))!.AsObject(); // the issuer writes a JSON object
        payload["oid"] = Guid.NewGuid().ToString("D");
        var token = TokenBench.Segment(valid, 0) + "." + TokenBench.EncodeSegment(payload.ToJsonString()) + "." + TokenBench.Segment(valid, 2);

        // Act
        var ok = bench.Validator.TryValidate(token, TokenBench.Audience, out _, out var failure);

        // Assert
        Assert.False(ok);
        Assert.Contains("signature", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryValidate_SignatureAltered_ReturnsFalse()
    {
        // Arrange
        using var bench = await TokenBench.CreateAsync(TestContext.Current.CancellationToken);
        var valid = bench.IssueToken();
        Assert.True(Base64Url.TryDecode(TokenBench.Segment(valid, 2), out var signature));
        signature[signature.Length / 2] ^= 0x01;
        var token = TokenBench.Segment(valid, 0) + "." + TokenBench.Segment(valid, 1) + "." + Base64Url.Encode(signature);

        // Act
        var ok = bench.Validator.TryValidate(token, TokenBench.Audience, out _, out var failure);

        // Assert
        Assert.False(ok);
        Assert.Contains("signature", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryValidate_SignatureTruncated_ReturnsFalse()
    {
        // Arrange
        using var bench = await TokenBench.CreateAsync(TestContext.Current.CancellationToken);
        var valid = bench.IssueToken();
        var token = valid[..^8];

        // Act
        var ok = bench.Validator.TryValidate(token, TokenBench.Audience, out _, out _);

        // Assert
        Assert.False(ok);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.eyJ4IjoxfQ")]
    [InlineData("a.b.c.d")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.eyJ4IjoxfQ.c2ln.")]
    [InlineData("!!!.###.$$$")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.e.c2ln")]
    [InlineData("bm90IGpzb24.eyJ4IjoxfQ.c2ln")]
    [InlineData("..")]
    public async Task TryValidate_Malformed_ReturnsFalse(string token)
    {
        // Arrange
        using var bench = await TokenBench.CreateAsync(TestContext.Current.CancellationToken);

        // Act
        var ok = bench.Validator.TryValidate(token, TokenBench.Audience, out _, out var failure);

        // Assert
        Assert.False(ok);
        Assert.NotEmpty(failure);
    }

    [Fact]
    public async Task TryValidate_TokenOfOtherSigningKeyRing_ReturnsFalse()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var first = await TokenBench.CreateAsync(ct);
        using var second = await TokenBench.CreateAsync(ct);
        var validator = new TokenValidator(second.Ring, first.Authority, first.Credentials, first.Time);
        var token = first.IssueToken();

        // Act
        var ok = validator.TryValidate(token, TokenBench.Audience, out _, out var failure);

        // Assert
        Assert.False(ok);
        Assert.Contains("unknown key", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryValidate_OtherRingsKeyUnderThisRingsKeyId_ReturnsFalse()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var bench = await TokenBench.CreateAsync(ct);
        using var attacker = await TokenBench.CreateAsync(ct);
        var valid = bench.IssueToken();
        var token = TokenBench.Sign(attacker.Ring.Current.Key, TokenBench.DecodeSegment(valid, 0), TokenBench.DecodeSegment(valid, 1));

        // Act
        var ok = bench.Validator.TryValidate(token, TokenBench.Audience, out _, out var failure);

        // Assert
        Assert.False(ok);
        Assert.Contains("signature", failure, StringComparison.Ordinal);
    }
}
