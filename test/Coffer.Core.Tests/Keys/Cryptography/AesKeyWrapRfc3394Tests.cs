using Coffer.Core.Keys.Cryptography;

namespace Coffer.Core.Tests.Keys.Cryptography;

public sealed class AesKeyWrapRfc3394Tests
{
    private const string Kek256 = "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F";

    // RFC 3394, section 4: the six test vectors (KEK, key data, wrapped key).
    public static TheoryData<string, string, string, string> Vectors => new()
    {
        { "A128KW", Kek256[..32], "00112233445566778899AABBCCDDEEFF", "1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5" },
        { "A192KW", Kek256[..48], "00112233445566778899AABBCCDDEEFF", "96778B25AE6CA435F92B5B97C050AED2468AB8A17AD84E5D" },
        { "A256KW", Kek256, "00112233445566778899AABBCCDDEEFF", "64E8C3F9CE0F5BA263E9777905818A2A93C8191E7D6E8AE7" },
        { "A192KW", Kek256[..48], "00112233445566778899AABBCCDDEEFF0001020304050607", "031D33264E15D33268F24EC260743EDCE1C6C7DDEE725A936BA814915C6762D2" },
        { "A256KW", Kek256, "00112233445566778899AABBCCDDEEFF0001020304050607", "A8F9BC1612C68B3FF6E6F4FBE30E71E4769C8B80A32CB8958CD5D17D6B254DA1" },
        {
            "A256KW", Kek256, "00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F",
            "28C9F404C4B810F4CBCCB35CFB87F8263F5786E2D80ED326CBC7F0E71A99F43BFB988B9B7A02DD21"
        },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void WrapKey_Rfc3394Vector_GivesTheRfcCiphertext(string algorithm, string kek, string keyData, string expected)
    {
        // Arrange
        using var key = JwkImport.FromJwk(new JsonWebKeyParts("oct", K: Convert.FromHexString(kek)));

        // Act
        var wrapped = KeyCryptography.WrapKey(key, algorithm, Convert.FromHexString(keyData));

        // Assert
        Assert.Equal(expected, Convert.ToHexString(wrapped));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void UnwrapKey_Rfc3394Vector_GivesTheRfcKeyData(string algorithm, string kek, string keyData, string wrapped)
    {
        // Arrange
        using var key = JwkImport.FromJwk(new JsonWebKeyParts("oct", K: Convert.FromHexString(kek)));

        // Act
        var unwrapped = KeyCryptography.UnwrapKey(key, algorithm, Convert.FromHexString(wrapped));

        // Assert
        Assert.Equal(keyData, Convert.ToHexString(unwrapped));
    }

    [Fact]
    public void Unwrap_AnyFlippedBit_FailsTheIntegrityCheck()
    {
        // Arrange
        var kek = Convert.FromHexString(Kek256);
        var wrapped = Convert.FromHexString("28C9F404C4B810F4CBCCB35CFB87F8263F5786E2D80ED326CBC7F0E71A99F43BFB988B9B7A02DD21");

        // Act and assert: every byte position matters.
        for (var i = 0; i < wrapped.Length; i++)
        {
            var tampered = (byte[])wrapped.Clone();
            tampered[i] ^= 0x01;
            Assert.Null(AesKeyWrapRfc3394.Unwrap(kek, tampered));
        }
    }
}
