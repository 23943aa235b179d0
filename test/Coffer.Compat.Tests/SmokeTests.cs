namespace Coffer.Compat.Tests;

public sealed class SmokeTests(CompatFixture fixture)
{
    [Fact]
    public async Task SetSecret_ThenGetSecret_ReturnsValue()
    {
        // Arrange
        var client = fixture.CreateSecretClient();

        // Act
        var set = await client.SetSecretAsync("smoke", "s3cret", TestContext.Current.CancellationToken);
        var got = await client.GetSecretAsync("smoke", cancellationToken: TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal("s3cret", got.Value.Value);
        Assert.Equal(set.Value.Properties.Version, got.Value.Properties.Version);
    }
}
