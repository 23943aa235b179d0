using System.Text.Json;
using Coffer.Api.Audit;

namespace Coffer.Api.Tests.Audit;

/// <summary>The held body keeps every byte written, through flushes, until the audit middleware releases it.</summary>
public sealed class HeldResponseBodyTests
{
    [Theory]
    [InlineData(10)]
    [InlineData(5_000)]
    public async Task SerializeAsync_BodyOfAnySize_HeldWholeThroughTheSerializersFlushes(int items)
    {
        // Arrange: far past System.Text.Json's flush threshold for the large case, so it flushes many times.
        var value = Enumerable.Range(0, items).Select(i => new { id = $"https://v.localhost/secrets/s{i}", enabled = i % 2 == 0 }).ToList();
        using var held = new HeldResponseBody();

        // Act
        await JsonSerializer.SerializeAsync(held.Writer, value, cancellationToken: TestContext.Current.CancellationToken);
        await held.Writer.FlushAsync(TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(value), held.Written.ToArray());
        Assert.Equal(0, held.UnflushedBytes);
    }

    [Fact]
    public async Task Stream_WritesThroughTheStream_HeldInOrder()
    {
        // Arrange
        using var held = new HeldResponseBody();

        // Act
        await held.Stream.WriteAsync("abc"u8.ToArray(), TestContext.Current.CancellationToken);
        await held.Stream.FlushAsync(TestContext.Current.CancellationToken);
        await held.Stream.WriteAsync("def"u8.ToArray(), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal("abcdef"u8.ToArray(), held.Written.ToArray());
    }
}
