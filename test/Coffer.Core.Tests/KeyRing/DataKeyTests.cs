using System.Security.Cryptography;
using System.Text;
using Coffer.Core.Crypto;
using Coffer.Core.KeyRing;

namespace Coffer.Core.Tests.KeyRing;

public sealed class DataKeyTests
{
    private static readonly byte[] Aad = Encoding.UTF8.GetBytes("vault|secret|db-password|0123456789abcdef0123456789abcdef");

    [Fact]
    public void Open_SealedWithTheRawKey_ReturnsPlaintext()
    {
        // Arrange
        var key = NewKey();
        var envelope = Envelope.Seal(key.Key, key.Id, "hunter2"u8, Aad);

        // Act
        var plaintext = key.Open(envelope, Aad);

        // Assert
        Assert.Equal("hunter2"u8.ToArray(), plaintext);
    }

    [Fact]
    public void Open_AfterATamperedEnvelopeFailed_StillOpensTheNextOne()
    {
        // Arrange
        var key = NewKey();
        var envelope = key.Seal("hunter2"u8, Aad);
        var tampered = envelope.ToArray();
        tampered[^1] ^= 1;

        // Act
        var failure = Record.Exception(() => key.Open(tampered, Aad));
        var plaintext = key.Open(envelope, Aad);

        // Assert
        Assert.IsAssignableFrom<CryptographicException>(failure);
        Assert.Equal("hunter2"u8.ToArray(), plaintext);
    }

    [Fact]
    public void SealAndOpen_ManyThreadsAtOnce_EveryValueRoundTrips()
    {
        // Arrange
        var key = NewKey();
        var values = Enumerable.Range(0, 2_000).Select(i => Encoding.UTF8.GetBytes($"value-{i}")).ToArray();

        // Act
        var opened = new byte[values.Length][];
        Parallel.For(0, values.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => opened[i] = key.Open(key.Seal(values[i], Aad), Aad));

        // Assert
        Assert.Equal(values, opened);
    }

    [Fact]
    public void Open_OtherAssociatedData_Throws()
    {
        // Arrange
        var key = NewKey();
        var envelope = key.Seal("hunter2"u8, Aad);

        // Act
        var failure = Record.Exception(() => key.Open(envelope, "vault|secret|other|0123"u8));

        // Assert
        Assert.IsAssignableFrom<CryptographicException>(failure);
    }

    private static DataKey NewKey() => new(Guid.NewGuid(), Guid.NewGuid(), RandomNumberGenerator.GetBytes(Envelope.KeySize));
}
