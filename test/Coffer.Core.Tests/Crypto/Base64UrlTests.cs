using Coffer.Core.Crypto;

namespace Coffer.Core.Tests.Crypto;

public sealed class Base64UrlTests
{
    [Fact]
    public void Encode_BytesNeedingUrlAlphabetAndPadding_UsesDashUnderscoreWithoutPadding()
    {
        // Arrange
        byte[] data = [0xFB, 0xFF, 0xBF, 0x01];

        // Act
        var text = Base64Url.Encode(data);

        // Assert
        Assert.Equal("-_-_AQ", text);
    }

    [Theory]
    [InlineData("-_-_AQ")]
    [InlineData("-_-_AQ==")]
    [InlineData("+/+/AQ==")]
    public void TryDecode_UrlOrStandardAlphabetWithOrWithoutPadding_ReturnsBytes(string text)
    {
        // Act
        var ok = Base64Url.TryDecode(text, out var bytes);

        // Assert
        Assert.True(ok);
        Assert.Equal([0xFB, 0xFF, 0xBF, 0x01], bytes);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("a")]
    [InlineData("ab$d")]
    [InlineData("a.bc")]
    public void TryDecode_NotBase64_ReturnsFalse(string? text)
    {
        // Act
        var ok = Base64Url.TryDecode(text, out var bytes);

        // Assert
        Assert.False(ok);
        Assert.Empty(bytes);
    }
}
