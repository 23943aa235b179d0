using System.Security.Cryptography;
using Coffer.Core.Keys.Cryptography;

namespace Coffer.Core.Tests.Keys.Cryptography;

public sealed class KeyMaterialTests
{
    public static TheoryData<string> KeyNames => ["RSA", "EC:P-256", "EC:P-256K", "EC:P-384", "EC:P-521", "oct:128", "oct:192", "oct:256"];

    [Theory]
    [MemberData(nameof(KeyNames))]
    public void ExportImport_AnyKey_RoundTripsTypeSizeCurveAndMaterial(string name)
    {
        // Arrange
        var original = TestKeys.Named(name);

        // Act
        using var imported = KeyMaterial.Import(original.Export());

        // Assert
        Assert.Equal(original.KeyType, imported.KeyType);
        Assert.Equal(original.Curve, imported.Curve);
        Assert.Equal(original.KeySize, imported.KeySize);
        Assert.Equal(original.PublicParts(), imported.PublicParts(), PublicPartsEqual);
        Assert.Equal(original.Export(), imported.Export());
    }

    [Fact]
    public void Import_ExportedRsaKey_DecryptsWhatTheOriginalEncryptedFor()
    {
        // Arrange
        var ciphertext = KeyCryptography.Encrypt(TestKeys.Rsa2048, "RSA-OAEP-256", "hello"u8, null, null).Value;

        // Act
        using var imported = KeyMaterial.Import(TestKeys.Rsa2048.Export());
        var plaintext = KeyCryptography.Decrypt(imported, "RSA-OAEP-256", ciphertext, null, null, null);

        // Assert
        Assert.Equal("hello"u8.ToArray(), plaintext);
    }

    [Fact]
    public void Export_StartsWithVersionTypeAndCurve()
    {
        // Act
        var exported = TestKeys.Ec("P-384").Export();

        // Assert: version 1, EC, P-384, three fields (d, x, y).
        Assert.Equal([1, 2, 3, 3], exported[..4]);
    }

    public static TheoryData<string, byte[]> BrokenExports()
    {
        var valid = TestKeys.Oct(128).Export();
        var data = new TheoryData<string, byte[]>
        {
            { "empty", [] },
            { "header only", valid[..4] },
            { "truncated field", valid[..^1] },
            { "trailing byte", [.. valid, 0] },
            { "unknown version", [2, .. valid[1..]] },
            { "unknown type", [1, 9, .. valid[2..]] },
            { "oct with a curve", [1, 3, 1, .. valid[3..]] },
            { "oct of 20 bytes", [1, 3, 0, 1, 0, 0, 0, 20, .. new byte[20]] },
        };
        var rsa = TestKeys.Rsa2048.Export();
        data.Add("RSA missing its last field", [1, 1, 0, 7, .. rsa[4..^(4 + 128)]]);
        var ec = TestKeys.Ec("P-256").Export();
        data.Add("EC with a P-384 curve code", [1, 2, 3, .. ec[3..]]);
        return data;
    }

    [Theory]
    [MemberData(nameof(BrokenExports))]
    public void Import_NotWhatExportWrote_ThrowsInvalidData(string description, byte[] exported)
    {
        // Act
        var exception = Record.Exception(() => KeyMaterial.Import(exported));

        // Assert
        Assert.True(exception is InvalidDataException, $"{description}: {exception?.GetType().Name ?? "no exception"}");
    }

    [Fact]
    public void PublicParts_Rsa_MatchesDotNetPublicKeyAndHasNoEcFields()
    {
        // Arrange
        using var rsa = RSA.Create(2048);
        using var key = JwkImport.FromJwk(TestKeys.ToJwk(rsa.ExportParameters(true)));
        var expected = rsa.ExportParameters(false);

        // Act
        var parts = key.PublicParts();

        // Assert
        Assert.Equal(expected.Modulus, parts.N);
        Assert.Equal(expected.Exponent, parts.E);
        Assert.Null(parts.Curve);
        Assert.Null(parts.X);
        Assert.Null(parts.Y);
    }

    [Theory]
    [InlineData("P-256")]
    [InlineData("P-256K")]
    [InlineData("P-384")]
    [InlineData("P-521")]
    public void PublicParts_Ec_MatchesDotNetPublicPointAndHasNoRsaFields(string curve)
    {
        // Arrange
        using var ecdsa = ECDsa.Create(TestKeys.NetCurve(curve));
        var full = ecdsa.ExportParameters(true);
        using var key = JwkImport.FromJwk(TestKeys.ToJwk(curve, full));

        // Act
        var parts = key.PublicParts();

        // Assert
        Assert.Equal(curve, parts.Curve);
        Assert.Equal(full.Q.X, parts.X);
        Assert.Equal(full.Q.Y, parts.Y);
        Assert.Null(parts.N);
        Assert.Null(parts.E);
    }

    [Fact]
    public void PublicParts_Oct_IsEmpty()
    {
        // Act
        var parts = TestKeys.Oct(256).PublicParts();

        // Assert
        Assert.Equal(new PublicKeyParts(null, null, null, null, null), parts);
    }

    [Fact]
    public void PublicKeyParts_HasOnlyPublicMembers()
    {
        // Act
        var properties = typeof(PublicKeyParts).GetProperties().Select(property => property.Name).Order().ToArray();

        // Assert: no d, p, q, dp, dq, qi or k can ever be returned through it.
        Assert.Equal(["Curve", "E", "N", "X", "Y"], properties);
    }

    [Fact]
    public void PublicParts_ChangingTheReturnedBytes_LeavesTheKeyAlone()
    {
        // Arrange
        using var key = KeyGenerator.Generate("EC", null, "P-256", null);
        var before = key.PublicParts().X!.ToArray();

        // Act
        key.PublicParts().X![0] ^= 0xFF;

        // Assert
        Assert.Equal(before, key.PublicParts().X);
    }

    [Fact]
    public void Dispose_ThenUse_ThrowsObjectDisposed()
    {
        // Arrange
        var key = KeyGenerator.Generate("oct", 128, null, null);

        // Act
        key.Dispose();

        // Assert
        Assert.Throws<ObjectDisposedException>(() => key.Export());
        Assert.Throws<ObjectDisposedException>(() => key.PublicParts());
        Assert.Throws<ObjectDisposedException>(() => KeyCryptography.WrapKey(key, "A128KW", new byte[16]));
    }

    [Fact]
    public void Dispose_ZeroesTheMaterial()
    {
        // Arrange
        var key = KeyGenerator.Generate("EC", null, "P-256", null);
        var live = GetPrivateFields(key);
        Assert.All(live, field => Assert.NotEqual(new byte[field.Length], field));

        // Act
        key.Dispose();

        // Assert
        Assert.All(live, field => Assert.Equal(new byte[field.Length], field));
    }

    [Fact]
    public void ToString_DoesNotContainMaterial()
    {
        // Arrange
        var key = TestKeys.Oct(128);

        // Act
        var text = key.ToString() ?? string.Empty;

        // Assert
        Assert.DoesNotContain(Convert.ToHexString(TestKeys.OctBytes(key)), text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToBase64String(TestKeys.OctBytes(key)), text, StringComparison.Ordinal);
    }

    private static byte[][] GetPrivateFields(KeyMaterial key) =>
        (byte[][])typeof(KeyMaterial).GetField("_fields", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(key)!;

    private static bool PublicPartsEqual(PublicKeyParts a, PublicKeyParts b) =>
        a.Curve == b.Curve && Same(a.N, b.N) && Same(a.E, b.E) && Same(a.X, b.X) && Same(a.Y, b.Y);

    private static bool Same(byte[]? a, byte[]? b) => a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);
}
