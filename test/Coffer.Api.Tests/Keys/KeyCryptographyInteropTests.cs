using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Coffer.Api.Tests.TestSupport;

namespace Coffer.Api.Tests.Keys;

/// <summary>
/// Coffer's cryptography over HTTPS against <c>System.Security.Cryptography</c>: signatures Coffer makes verify in .NET,
/// what .NET wraps or seals Coffer opens, and the other way round.
/// </summary>
public sealed class KeyCryptographyInteropTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData("RS256")]
    [InlineData("RS512")]
    [InlineData("PS256")]
    [InlineData("PS384")]
    public async Task Sign_Rsa_VerifiesWithDotNetRsa(string algorithm)
    {
        // Arrange
        var name = Names.Unique("sign");
        var bundle = await fixture.CreateKeyAsync(name, """{"kty":"RSA","key_size":2048}""");
        var (hash, padding) = RsaScheme(algorithm);
        var digest = Digest(hash, "the activation payload");

        // Act
        var result = await fixture.OperateAsync(name, $"/{KeyCalls.VersionOf(bundle)}/sign", $$"""{"alg":"{{algorithm}}","value":"{{KeyCalls.B64(digest)}}"}""");

        // Assert
        Assert.Equal(["kid", "value"], Wire.PropertyNames(result));
        Assert.Equal(KeyCalls.Kid(bundle), result.GetProperty("kid").GetString());
        using var rsa = RSA.Create(new RSAParameters { Modulus = KeyCalls.Bytes(bundle.GetProperty("key"), "n"), Exponent = KeyCalls.Bytes(bundle.GetProperty("key"), "e") });
        Assert.True(rsa.VerifyHash(digest, KeyCalls.Bytes(result, "value"), hash, padding));
    }

    [Theory]
    [InlineData("P-256", "ES256")]
    [InlineData("P-384", "ES384")]
    [InlineData("P-521", "ES512")]
    public async Task Sign_Ec_RawSignatureVerifiesWithDotNetEcdsa(string curve, string algorithm)
    {
        // Arrange
        var name = Names.Unique("ecsign");
        var bundle = await fixture.CreateKeyAsync(name, $$"""{"kty":"EC","crv":"{{curve}}"}""");
        var hash = algorithm switch { "ES256" => HashAlgorithmName.SHA256, "ES384" => HashAlgorithmName.SHA384, _ => HashAlgorithmName.SHA512 };
        var digest = Digest(hash, "a token to sign");

        // Act: versionless kid, as the SDKs send it ("//sign").
        var result = await fixture.OperateAsync(name, "//sign", $$"""{"alg":"{{algorithm}}","value":"{{KeyCalls.B64(digest)}}"}""");

        // Assert
        Assert.Equal(KeyCalls.Kid(bundle), result.GetProperty("kid").GetString());
        var key = bundle.GetProperty("key");
        using var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.CreateFromFriendlyName(curve switch { "P-256" => "nistP256", "P-384" => "nistP384", _ => "nistP521" }),
            Q = new ECPoint { X = KeyCalls.Bytes(key, "x"), Y = KeyCalls.Bytes(key, "y") },
        });
        var signature = KeyCalls.Bytes(result, "value");
        Assert.Equal(2 * KeyCalls.Bytes(key, "x").Length, signature.Length);
        Assert.True(ecdsa.VerifyHash(digest, signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    [Theory]
    [InlineData("RSA-OAEP-256")]
    [InlineData("RSA-OAEP")]
    [InlineData("RSA1_5")]
    public async Task UnwrapKey_WhatDotNetWrappedWithThePublicKey_ReturnsTheKey(string algorithm)
    {
        // Arrange: a storage service wraps its data key locally with the vault key's public half.
        var name = Names.Unique("unwrap");
        var bundle = await fixture.CreateKeyAsync(name, """{"kty":"RSA"}""");
        using var rsa = RSA.Create(new RSAParameters { Modulus = KeyCalls.Bytes(bundle.GetProperty("key"), "n"), Exponent = KeyCalls.Bytes(bundle.GetProperty("key"), "e") });
        var dataKey = RandomNumberGenerator.GetBytes(32);
        var padding = algorithm switch { "RSA-OAEP-256" => RSAEncryptionPadding.OaepSHA256, "RSA-OAEP" => RSAEncryptionPadding.OaepSHA1, _ => RSAEncryptionPadding.Pkcs1 };
        var wrapped = rsa.Encrypt(dataKey, padding);

        // Act: versionless path without the empty segment.
        var result = await fixture.OperateAsync(name, "/unwrapkey", $$"""{"alg":"{{algorithm}}","value":"{{KeyCalls.B64(wrapped)}}"}""");

        // Assert
        Assert.Equal(KeyCalls.Kid(bundle), result.GetProperty("kid").GetString());
        Assert.Equal(dataKey, KeyCalls.Bytes(result, "value"));
    }

    [Fact]
    public async Task WrapKey_Rsa_DotNetCannotButCofferCanUnwrapRoundTrip()
    {
        // Arrange
        var name = Names.Unique("wrap");
        var bundle = await fixture.CreateKeyAsync(name, """{"kty":"RSA"}""");
        var version = KeyCalls.VersionOf(bundle);
        var dataKey = RandomNumberGenerator.GetBytes(32);

        // Act
        var wrapped = await fixture.OperateAsync(name, $"/{version}/wrapkey", $$"""{"alg":"RSA-OAEP-256","value":"{{KeyCalls.B64(dataKey)}}"}""");
        var unwrapped = await fixture.OperateAsync(name, $"/{version}/unwrapkey", $$"""{"alg":"RSA-OAEP-256","value":"{{wrapped.GetProperty("value").GetString()}}"}""");

        // Assert
        Assert.Equal(256, KeyCalls.Bytes(wrapped, "value").Length);
        Assert.Equal(dataKey, KeyCalls.Bytes(unwrapped, "value"));
    }

    [Fact]
    public async Task Verify_ImportedRsaKey_AcceptsDotNetSignatureAndRejectsTamperedOne()
    {
        // Arrange: the application signs tokens with its own key, imported into the vault.
        using var rsa = RSA.Create(2048);
        var name = Names.Unique("verify");
        await ImportAsync(name, RsaJwk(rsa.ExportParameters(true)));
        var digest = Digest(HashAlgorithmName.SHA256, "header.payload");
        var signature = rsa.SignHash(digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var tampered = (byte[])signature.Clone();
        tampered[^1] ^= 1;

        // Act
        var good = await fixture.OperateAsync(name, "//verify", $$"""{"alg":"RS256","digest":"{{KeyCalls.B64(digest)}}","value":"{{KeyCalls.B64(signature)}}"}""");
        var bad = await fixture.OperateAsync(name, "//verify", $$"""{"alg":"RS256","digest":"{{KeyCalls.B64(digest)}}","value":"{{KeyCalls.B64(tampered)}}"}""");

        // Assert
        Assert.Equal(["value"], Wire.PropertyNames(good));
        Assert.True(good.GetProperty("value").GetBoolean());
        Assert.False(bad.GetProperty("value").GetBoolean());
    }

    [Fact]
    public async Task Sign_ImportedRsaKey_MatchesDotNetPkcs1Signature()
    {
        // Arrange: PKCS#1 v1.5 is deterministic, so Coffer's signature must equal .NET's byte for byte.
        using var rsa = RSA.Create(2048);
        var name = Names.Unique("det");
        await ImportAsync(name, RsaJwk(rsa.ExportParameters(true)));
        var digest = Digest(HashAlgorithmName.SHA384, "payload");

        // Act
        var result = await fixture.OperateAsync(name, "/sign", $$"""{"alg":"RS384","value":"{{KeyCalls.B64(digest)}}"}""");

        // Assert
        Assert.Equal(rsa.SignHash(digest, HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1), KeyCalls.Bytes(result, "value"));
    }

    [Fact]
    public async Task Encrypt_ImportedAesKeyGcm_DotNetAesGcmDecryptsAndCofferDecryptsBack()
    {
        // Arrange
        var k = RandomNumberGenerator.GetBytes(32);
        var name = Names.Unique("gcm");
        await ImportAsync(name, new JsonObject { ["kty"] = "oct", ["k"] = KeyCalls.B64(k) });
        var plaintext = Encoding.UTF8.GetBytes("a device activation key");
        var aad = Encoding.UTF8.GetBytes("device-42");

        // Act
        var sealedResult = await fixture.OperateAsync(name, "//encrypt", $$"""{"alg":"A256GCM","value":"{{KeyCalls.B64(plaintext)}}","aad":"{{KeyCalls.B64(aad)}}"}""");
        var opened = await fixture.OperateAsync(name, "//decrypt",
            $$"""{"alg":"A256GCM","value":"{{sealedResult.GetProperty("value").GetString()}}","iv":"{{sealedResult.GetProperty("iv").GetString()}}","tag":"{{sealedResult.GetProperty("tag").GetString()}}","aad":"{{KeyCalls.B64(aad)}}"}""");

        // Assert
        var iv = KeyCalls.Bytes(sealedResult, "iv");
        var tag = KeyCalls.Bytes(sealedResult, "tag");
        Assert.Equal(12, iv.Length);
        Assert.Equal(16, tag.Length);
        using var gcm = new AesGcm(k, 16);
        var local = new byte[plaintext.Length];
        gcm.Decrypt(iv, KeyCalls.Bytes(sealedResult, "value"), tag, local, aad);
        Assert.Equal(plaintext, local);
        Assert.Equal(plaintext, KeyCalls.Bytes(opened, "value"));
    }

    [Fact]
    public async Task WrapKey_ImportedAesKeyKw_MatchesRfc3394Vector()
    {
        // Arrange: RFC 3394 §4.6, 256-bit data wrapped with a 256-bit KEK.
        var kek = Convert.FromHexString("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F");
        var data = Convert.FromHexString("00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F");
        var name = Names.Unique("kw");
        await ImportAsync(name, new JsonObject { ["kty"] = "oct", ["k"] = KeyCalls.B64(kek) });

        // Act
        var wrapped = await fixture.OperateAsync(name, "/wrapkey", $$"""{"alg":"A256KW","value":"{{KeyCalls.B64(data)}}"}""");

        // Assert
        Assert.Equal("28C9F404C4B810F4CBCCB35CFB87F8263F5786E2D80ED326CBC7F0E71A99F43BFB988B9B7A02DD21", Convert.ToHexString(KeyCalls.Bytes(wrapped, "value")));
    }

    private async Task ImportAsync(string name, JsonObject jwk)
    {
        using var response = await fixture.SendAsync(HttpMethod.Put, KeyCalls.Path(name), new JsonObject { ["key"] = jwk }.ToJsonString());
        await Wire.AssertJsonAsync(response);
    }

    internal static JsonObject RsaJwk(RSAParameters p) => new()
    {
        ["kty"] = "RSA",
        ["n"] = KeyCalls.B64(p.Modulus),
        ["e"] = KeyCalls.B64(p.Exponent),
        ["d"] = KeyCalls.B64(p.D),
        ["p"] = KeyCalls.B64(p.P),
        ["q"] = KeyCalls.B64(p.Q),
        ["dp"] = KeyCalls.B64(p.DP),
        ["dq"] = KeyCalls.B64(p.DQ),
        ["qi"] = KeyCalls.B64(p.InverseQ),
    };

    private static byte[] Digest(HashAlgorithmName hash, string text) =>
        CryptographicOperations.HashData(hash, Encoding.UTF8.GetBytes(text));

    private static (HashAlgorithmName Hash, RSASignaturePadding Padding) RsaScheme(string algorithm) => algorithm switch
    {
        "RS256" => (HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        "RS512" => (HashAlgorithmName.SHA512, RSASignaturePadding.Pkcs1),
        "PS256" => (HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
        _ => (HashAlgorithmName.SHA384, RSASignaturePadding.Pss),
    };
}
