using System.Security.Cryptography;
using System.Text;
using Coffer.Core.Crypto;
using Coffer.Core.KeyRing;

namespace Coffer.Core.Tests.KeyRing;

public sealed class RootKeyTests
{
    [Fact]
    public void Unwrap_WrappedWithSamePurpose_ReturnsPlaintext()
    {
        // Arrange
        using var rootKey = new RootKey(RootKey.Generate(), "test");
        var secret = RandomNumberGenerator.GetBytes(32);
        var wrapped = rootKey.Wrap(secret, "coffer/data-key/a");

        // Act
        var unwrapped = rootKey.Unwrap(wrapped, "coffer/data-key/a");

        // Assert
        Assert.Equal(secret, unwrapped);
        Assert.Equal(-1, wrapped.AsSpan().IndexOf(secret));
        Assert.Equal(rootKey.Id, Envelope.ReadKeyId(wrapped));
    }

    [Fact]
    public void Unwrap_OtherPurpose_Throws()
    {
        // Arrange
        using var rootKey = new RootKey(RootKey.Generate(), "test");
        var wrapped = rootKey.Wrap(RandomNumberGenerator.GetBytes(32), "coffer/data-key/a");

        // Act
        var exception = Record.Exception(() => rootKey.Unwrap(wrapped, "coffer/data-key/b"));

        // Assert
        Assert.IsAssignableFrom<CryptographicException>(exception);
    }

    [Fact]
    public void Unwrap_WrappedByDifferentRootKey_ThrowsNamingTheRootKey()
    {
        // Arrange
        using var rootKey = new RootKey(RootKey.Generate(), "test");
        using var otherRootKey = new RootKey(RootKey.Generate(), "test");
        var wrapped = otherRootKey.Wrap(RandomNumberGenerator.GetBytes(32), "purpose");

        // Act
        var exception = Record.Exception(() => rootKey.Unwrap(wrapped, "purpose"));

        // Assert
        var crypto = Assert.IsAssignableFrom<CryptographicException>(exception);
        Assert.Contains("different root key", crypto.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Id_SameKeyBytes_IsStable()
    {
        // Arrange
        var bytes = RootKey.Generate();

        // Act
        using var first = new RootKey(bytes, "file");
        using var second = new RootKey((byte[])bytes.Clone(), "environment");
        using var other = new RootKey(RootKey.Generate(), "file");

        // Assert
        Assert.Equal(first.Id, second.Id);
        Assert.NotEqual(first.Id, other.Id);
        Assert.NotEqual(Guid.Empty, first.Id);
    }

    [Fact]
    public void Unwrap_SameKeyBytesLoadedAgain_ReturnsPlaintext()
    {
        // Arrange
        var bytes = RootKey.Generate();
        byte[] wrapped;
        using (var before = new RootKey(bytes, "file"))
        {
            wrapped = before.Wrap(Encoding.UTF8.GetBytes("persisted"), "purpose");
        }

        using var after = new RootKey(bytes, "file");

        // Act
        var unwrapped = after.Unwrap(wrapped, "purpose");

        // Assert
        Assert.Equal("persisted", Encoding.UTF8.GetString(unwrapped));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(64)]
    public void Constructor_WrongLength_Throws(int length)
    {
        // Arrange
        var bytes = new byte[length];

        // Act
        var exception = Record.Exception(() => new RootKey(bytes, "test"));

        // Assert
        Assert.IsType<ArgumentException>(exception);
    }

    [Fact]
    public void Generate_Always_Returns32RandomBytes()
    {
        // Act
        var first = RootKey.Generate();
        var second = RootKey.Generate();

        // Assert
        Assert.Equal(32, first.Length);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void DeriveKey_PerPurpose_IsStableAndSeparate()
    {
        // Arrange
        var bytes = RootKey.Generate();
        using var rootKey = new RootKey(bytes, "test");
        using var sameRootKey = new RootKey(bytes, "test");

        // Act
        var backup = rootKey.DeriveKey("coffer/backup/v1");
        var backupAgain = sameRootKey.DeriveKey("coffer/backup/v1");
        var other = rootKey.DeriveKey("coffer/other/v1");

        // Assert
        Assert.Equal(32, backup.Length);
        Assert.Equal(backup, backupAgain);
        Assert.NotEqual(backup, other);
        Assert.NotEqual(bytes, backup);
    }

    [Fact]
    public void Source_Always_IsWhatTheLoaderSaid()
    {
        // Act
        using var rootKey = new RootKey(RootKey.Generate(), "environment");

        // Assert
        Assert.Equal("environment", rootKey.Source);
    }
}
