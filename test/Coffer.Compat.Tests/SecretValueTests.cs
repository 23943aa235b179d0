using System.Text;
using Azure;
using Azure.Security.KeyVault.Secrets;

namespace Coffer.Compat.Tests;

/// <summary>Values, tags and content types at their edges: JSON-hostile characters, multi-byte text and the limits.</summary>
public sealed class SecretValueTests(CompatFixture fixture)
{
    private const int MaxValueBytes = 25 * 1024;

    public static TheoryData<string> AwkwardValues => new(
        "line one\nline two\r\nline three",
        "tab\there, NUL\0there, bell\a",
        "quotes \" and 'apostrophes' and \\backslashes\\",
        "{\"json\":[1,2,{\"nested\":null}]}",
        "<xml attr=\"1\">&amp;</xml>",
        "emoji 🔑🗝️ and CJK 鍵 and RTL مفتاح",
        "   leading and trailing spaces   ",
        "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n");

    [Theory]
    [MemberData(nameof(AwkwardValues))]
    public async Task SetSecret_AwkwardValue_GetReturnsItByteForByte(string value)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var name = TestNames.Unique("val-awkward");

        // Act
        var set = (await client.SetSecretAsync(name, value, ct)).Value;
        var got = (await client.GetSecretAsync(name, set.Properties.Version, ct)).Value;

        // Assert
        Assert.Equal(value, set.Value);
        Assert.Equal(value, got.Value);
        Assert.Equal(Encoding.UTF8.GetBytes(value), Encoding.UTF8.GetBytes(got.Value));
    }

    [Fact]
    public async Task SetSecret_MultiByteValueOver25KiBInBytesButNotInChars_Throws400BadParameter()
    {
        // Arrange: 'é' is two bytes in UTF-8, so 12,800 of them are exactly the limit in bytes.
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var name = TestNames.Unique("val-bytes");
        var atLimit = new string('é', MaxValueBytes / 2);

        // Act
        var accepted = (await client.SetSecretAsync(name, atLimit, ct)).Value;
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => client.SetSecretAsync(name, atLimit + "é", ct));

        // Assert
        Assert.Equal(MaxValueBytes, Encoding.UTF8.GetByteCount(atLimit));
        Assert.Equal(atLimit, (await client.GetSecretAsync(name, accepted.Properties.Version, ct)).Value.Value);
        Assert.Equal(400, error.Status);
        Assert.Equal("BadParameter", error.ErrorCode);
    }

    [Fact]
    public async Task SetSecret_TagsWithEmptyValueAndUnicode_RoundTripExactly()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var name = TestNames.Unique("val-tags");
        var secret = new KeyVaultSecret(name, "v");
        secret.Properties.Tags["empty"] = string.Empty;
        secret.Properties.Tags["ünïcode-キー"] = "värde \"quoted\"";
        secret.Properties.Tags["spaces in name"] = "  padded  ";

        // Act
        await client.SetSecretAsync(secret, ct);
        var got = (await client.GetSecretAsync(name, cancellationToken: ct)).Value;

        // Assert
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["empty"] = string.Empty,
                ["ünïcode-キー"] = "värde \"quoted\"",
                ["spaces in name"] = "  padded  ",
            },
            got.Properties.Tags);
    }

    [Fact]
    public async Task SetSecret_ContentTypeOf255Characters_IsKeptWhole()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var name = TestNames.Unique("val-ctype");
        var contentType = "application/x-" + new string('z', 255 - "application/x-".Length);
        var secret = new KeyVaultSecret(name, "v");
        secret.Properties.ContentType = contentType;

        // Act
        await client.SetSecretAsync(secret, ct);
        var got = (await client.GetSecretAsync(name, cancellationToken: ct)).Value;

        // Assert
        Assert.Equal(255, got.Properties.ContentType?.Length);
        Assert.Equal(contentType, got.Properties.ContentType);
    }
}
