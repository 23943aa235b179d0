using System.Security.Cryptography;
using System.Text;
using Coffer.Core.Crypto;

namespace Coffer.Core.Tests.Crypto;

public sealed class EnvelopeTests
{
    private const int HeaderSize = 18;
    private const int NonceSize = 12;
    private static readonly byte[] Aad = Encoding.UTF8.GetBytes("vault\nsecret\nname\nversion");

    [Fact]
    public void Open_SealedPlaintext_ReturnsPlaintext()
    {
        // Arrange
        var key = RandomNumberGenerator.GetBytes(Envelope.KeySize);
        var plaintext = Encoding.UTF8.GetBytes("correct horse battery staple");
        var sealedBytes = Envelope.Seal(key, Guid.NewGuid(), plaintext, Aad);

        // Act
        var opened = Envelope.Open(key, sealedBytes, Aad);

        // Assert
        Assert.Equal(plaintext, opened);
    }

    [Fact]
    public void Open_EmptyPlaintext_ReturnsEmpty()
    {
        // Arrange
        var key = RandomNumberGenerator.GetBytes(Envelope.KeySize);
        var sealedBytes = Envelope.Seal(key, Guid.NewGuid(), [], Aad);

        // Act
        var opened = Envelope.Open(key, sealedBytes, Aad);

        // Assert
        Assert.Equal(Envelope.Overhead, sealedBytes.Length);
        Assert.Empty(opened);
    }

    [Fact]
    public void Seal_Always_WritesMagicVersionAndKeyIdHeader()
    {
        // Arrange
        var key = RandomNumberGenerator.GetBytes(Envelope.KeySize);
        var keyId = Guid.NewGuid();
        var plaintext = RandomNumberGenerator.GetBytes(100);

        // Act
        var sealedBytes = Envelope.Seal(key, keyId, plaintext, Aad);

        // Assert
        Assert.Equal(0xC0, sealedBytes[0]);
        Assert.Equal(Envelope.Magic, sealedBytes[0]);
        Assert.Equal(1, sealedBytes[1]);
        Assert.Equal(keyId.ToByteArray(), sealedBytes[2..18]);
        Assert.Equal(plaintext.Length + Envelope.Overhead, sealedBytes.Length);
        Assert.Equal(2 + 16 + 12 + 16, Envelope.Overhead);
        Assert.Equal(keyId, Envelope.ReadKeyId(sealedBytes));
        Assert.Equal(plaintext.Length, Envelope.PlaintextLength(sealedBytes));
    }

    [Fact]
    public void Seal_SamePlaintextTwice_UsesFreshNonceAndCiphertext()
    {
        // Arrange
        var key = RandomNumberGenerator.GetBytes(Envelope.KeySize);
        var keyId = Guid.NewGuid();
        var plaintext = Encoding.UTF8.GetBytes("same");

        // Act
        var first = Envelope.Seal(key, keyId, plaintext, Aad);
        var second = Envelope.Seal(key, keyId, plaintext, Aad);

        // Assert
        Assert.NotEqual(first[HeaderSize..(HeaderSize + NonceSize)], second[HeaderSize..(HeaderSize + NonceSize)]);
        Assert.NotEqual(first[(HeaderSize + NonceSize)..], second[(HeaderSize + NonceSize)..]);
    }

    [Fact]
    public void Seal_Always_DoesNotContainPlaintext()
    {
        // Arrange
        var key = RandomNumberGenerator.GetBytes(Envelope.KeySize);
        var plaintext = Encoding.UTF8.GetBytes("a fairly long and recognisable plaintext value");

        // Act
        var sealedBytes = Envelope.Seal(key, Guid.NewGuid(), plaintext, Aad);

        // Assert
        Assert.Equal(-1, sealedBytes.AsSpan().IndexOf(plaintext));
    }

    [Fact]
    public void Open_AnyNonceCiphertextOrTagByteFlipped_Throws()
    {
        // Arrange
        var key = RandomNumberGenerator.GetBytes(Envelope.KeySize);
        var sealedBytes = Envelope.Seal(key, Guid.NewGuid(), Encoding.UTF8.GetBytes("tamper with me"), Aad);
        var accepted = new List<int>();

        // Act
        for (var i = HeaderSize; i < sealedBytes.Length; i++)
        {
            var tampered = (byte[])sealedBytes.Clone();
            tampered[i] ^= 0x01;
            try
            {
                Envelope.Open(key, tampered, Aad);
                accepted.Add(i);
            }
            catch (CryptographicException)
            {
                // Expected: the tag check fails.
            }
        }

        // Assert
        Assert.Empty(accepted);
        Assert.Equal("tamper with me", Encoding.UTF8.GetString(Envelope.Open(key, sealedBytes, Aad)));
    }

    [Fact]
    public void Open_TruncatedByOneByte_Throws()
    {
        // Arrange
        var key = RandomNumberGenerator.GetBytes(Envelope.KeySize);
        var sealedBytes = Envelope.Seal(key, Guid.NewGuid(), Encoding.UTF8.GetBytes("value"), Aad);

        // Act
        var exception = Record.Exception(() => Envelope.Open(key, sealedBytes.AsSpan(0, sealedBytes.Length - 1), Aad));

        // Assert
        Assert.IsAssignableFrom<CryptographicException>(exception);
    }

    [Fact]
    public void Open_ShorterThanOverhead_Throws()
    {
        // Arrange
        var key = RandomNumberGenerator.GetBytes(Envelope.KeySize);
        var sealedBytes = Envelope.Seal(key, Guid.NewGuid(), [], Aad);

        // Act
        var exception = Record.Exception(() => Envelope.Open(key, sealedBytes.AsSpan(0, sealedBytes.Length - 1), Aad));

        // Assert
        Assert.IsAssignableFrom<CryptographicException>(exception);
    }

    [Fact]
    public void Open_WrongAssociatedData_Throws()
    {
        // Arrange
        var key = RandomNumberGenerator.GetBytes(Envelope.KeySize);
        var sealedBytes = Envelope.Seal(key, Guid.NewGuid(), Encoding.UTF8.GetBytes("value"), Aad);
        var otherAad = Encoding.UTF8.GetBytes("vault\nsecret\nname\nother-version");

        // Act
        var exception = Record.Exception(() => Envelope.Open(key, sealedBytes, otherAad));

        // Assert
        Assert.IsAssignableFrom<CryptographicException>(exception);
    }

    [Fact]
    public void Open_EmptyAssociatedDataWhenSealedWithSome_Throws()
    {
        // Arrange
        var key = RandomNumberGenerator.GetBytes(Envelope.KeySize);
        var sealedBytes = Envelope.Seal(key, Guid.NewGuid(), Encoding.UTF8.GetBytes("value"), Aad);

        // Act
        var exception = Record.Exception(() => Envelope.Open(key, sealedBytes, []));

        // Assert
        Assert.IsAssignableFrom<CryptographicException>(exception);
    }

    [Fact]
    public void Open_WrongKey_Throws()
    {
        // Arrange
        var key = RandomNumberGenerator.GetBytes(Envelope.KeySize);
        var otherKey = RandomNumberGenerator.GetBytes(Envelope.KeySize);
        var sealedBytes = Envelope.Seal(key, Guid.NewGuid(), Encoding.UTF8.GetBytes("value"), Aad);

        // Act
        var exception = Record.Exception(() => Envelope.Open(otherKey, sealedBytes, Aad));

        // Assert
        Assert.IsAssignableFrom<CryptographicException>(exception);
    }

    [Theory]
    [InlineData(0, 0x00)]
    [InlineData(0, 0xC1)]
    [InlineData(1, 0x00)]
    [InlineData(1, 0x02)]
    public void Open_UnknownMagicOrVersion_Throws(int index, byte value)
    {
        // Arrange
        var key = RandomNumberGenerator.GetBytes(Envelope.KeySize);
        var sealedBytes = Envelope.Seal(key, Guid.NewGuid(), Encoding.UTF8.GetBytes("value"), Aad);
        sealedBytes[index] = value;

        // Act
        var open = Record.Exception(() => Envelope.Open(key, sealedBytes, Aad));
        var readKeyId = Record.Exception(() => Envelope.ReadKeyId(sealedBytes));

        // Assert
        var crypto = Assert.IsAssignableFrom<CryptographicException>(open);
        Assert.Contains("known version", crypto.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<CryptographicException>(readKeyId);
    }
}
