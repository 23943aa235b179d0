using System.Text;
using Coffer.Core.Crypto;
using Coffer.Core.Errors;
using Coffer.Core.Secrets;

namespace Coffer.Core.Tests.Secrets;

public sealed class SecretServiceTests
{
    [Fact]
    public async Task GetAsync_AfterSet_ReturnsValueAndVersion()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var bench = new SecretBench();
        var vault = await bench.CreateVaultAsync("billing", ct);
        var set = await bench.Service.SetAsync(vault, "Db-Password", "hunter2", new SecretAttributes(ContentType: "text/plain"), ct);

        // Act
        var (secret, value) = await bench.Service.GetAsync(vault, "db-password", null, ct);

        // Assert
        Assert.Equal("hunter2", value);
        Assert.Equal(set.Version, secret.Version);
        Assert.Equal("Db-Password", secret.Name);
        Assert.Equal("text/plain", secret.ContentType);
        Assert.True(secret.Enabled);
        Assert.Equal(SecretBench.Start, secret.Created);
        Assert.Matches("^[0-9a-f]{32}$", set.Version);
    }

    [Fact]
    public async Task SetAsync_Always_StoresCiphertextNotPlaintext()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var bench = new SecretBench();
        var vault = await bench.CreateVaultAsync("billing", ct);
        const string value = "a very recognisable secret value";

        // Act
        await bench.Service.SetAsync(vault, "name", value, new SecretAttributes(), ct);

        // Assert
        var stored = Assert.Single(bench.Store.Versions);
        Assert.Equal(-1, stored.Ciphertext.AsSpan().IndexOf(Encoding.UTF8.GetBytes(value)));
        Assert.Equal(value.Length + Envelope.Overhead, stored.Ciphertext.Length);
    }

    [Fact]
    public async Task GetAsync_ByVersion_ReturnsThatVersionsValue()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var bench = new SecretBench();
        var vault = await bench.CreateVaultAsync("billing", ct);
        var first = await bench.Service.SetAsync(vault, "name", "one", new SecretAttributes(), ct);
        var second = await bench.Service.SetAsync(vault, "name", "two", new SecretAttributes(), ct);

        // Act
        var latest = await bench.Service.GetAsync(vault, "name", null, ct);
        var old = await bench.Service.GetAsync(vault, "name", first.Version, ct);
        var upperCase = await bench.Service.GetAsync(vault, "name", first.Version.ToUpperInvariant(), ct);

        // Assert
        Assert.Equal("two", latest.Value);
        Assert.Equal(second.Version, latest.Secret.Version);
        Assert.Equal("one", old.Value);
        Assert.Equal("one", upperCase.Value);
    }

    [Fact]
    public async Task GetAsync_Disabled_ThrowsSecretDisabled()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var bench = new SecretBench();
        var vault = await bench.CreateVaultAsync("billing", ct);
        await bench.Service.SetAsync(vault, "name", "value", new SecretAttributes(Enabled: false), ct);

        // Act
        var exception = await Assert.ThrowsAsync<CofferException>(async () => await bench.Service.GetAsync(vault, "name", null, ct));

        // Assert
        Assert.Equal(403, exception.Status);
        Assert.Equal(ErrorCodes.Forbidden, exception.Code);
        Assert.Equal(ErrorCodes.SecretDisabled, exception.InnerCode);
    }

    [Fact]
    public async Task GetAsync_DisabledByUpdate_ThrowsSecretDisabled()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var bench = new SecretBench();
        var vault = await bench.CreateVaultAsync("billing", ct);
        await bench.Service.SetAsync(vault, "name", "value", new SecretAttributes(), ct);
        await bench.Service.UpdateAsync(vault, "name", null, new SecretAttributes(Enabled: false), ct);

        // Act
        var exception = await Assert.ThrowsAsync<CofferException>(async () => await bench.Service.GetAsync(vault, "name", null, ct));

        // Assert
        Assert.Equal(ErrorCodes.SecretDisabled, exception.InnerCode);
    }

    [Fact]
    public async Task GetAsync_Missing_ThrowsSecretNotFound()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var bench = new SecretBench();
        var vault = await bench.CreateVaultAsync("billing", ct);

        // Act
        var exception = await Assert.ThrowsAsync<CofferException>(async () => await bench.Service.GetAsync(vault, "missing", null, ct));

        // Assert
        Assert.Equal(404, exception.Status);
        Assert.Equal(ErrorCodes.SecretNotFound, exception.Code);
    }

    [Theory]
    [InlineData("latest")]
    [InlineData("0123456789abcdef0123456789abcde")]
    [InlineData("0123456789abcdef0123456789abcdef0")]
    [InlineData("0123456789abcdef0123456789abcdeg")]
    [InlineData("invalid")]
    [InlineData("../../etc/passwd")]
    public async Task GetAsync_MalformedVersion_ThrowsSecretNotFound(string version)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var bench = new SecretBench();
        var vault = await bench.CreateVaultAsync("billing", ct);
        await bench.Service.SetAsync(vault, "name", "value", new SecretAttributes(), ct);

        // Act
        var exception = await Assert.ThrowsAsync<CofferException>(async () => await bench.Service.GetAsync(vault, "name", version, ct));

        // Assert
        Assert.Equal(404, exception.Status);
        Assert.Equal(ErrorCodes.SecretNotFound, exception.Code);
        Assert.Contains(version, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_SameNameInOtherVault_ThrowsSecretNotFound()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var bench = new SecretBench();
        var billing = await bench.CreateVaultAsync("billing", ct);
        var payroll = await bench.CreateVaultAsync("payroll", ct);
        await bench.Service.SetAsync(billing, "name", "value", new SecretAttributes(), ct);

        // Act
        var exception = await Assert.ThrowsAsync<CofferException>(async () => await bench.Service.GetAsync(payroll, "name", null, ct));

        // Assert
        Assert.Equal(404, exception.Status);
    }

    [Fact]
    public async Task GetAsync_InvalidName_ThrowsBadParameter()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var bench = new SecretBench();
        var vault = await bench.CreateVaultAsync("billing", ct);

        // Act
        var exception = await Assert.ThrowsAsync<CofferException>(async () => await bench.Service.GetAsync(vault, "bad_name", null, ct));

        // Assert
        Assert.Equal(400, exception.Status);
    }

    [Fact]
    public async Task SetAsync_ValueOverLimit_ThrowsAndStoresNothing()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var bench = new SecretBench();
        var vault = await bench.CreateVaultAsync("billing", ct);

        // Act
        var exception = await Assert.ThrowsAsync<CofferException>(() =>
            bench.Service.SetAsync(vault, "name", new string('x', SecretLimits.MaxValueBytes + 1), new SecretAttributes(), ct));

        // Assert
        Assert.Equal(400, exception.Status);
        Assert.Empty(bench.Store.Versions);
    }

    [Fact]
    public async Task SetAsync_SixteenTags_ThrowsAndStoresNothing()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var bench = new SecretBench();
        var vault = await bench.CreateVaultAsync("billing", ct);
        var tags = Enumerable.Range(0, 16).ToDictionary(i => "t" + i, i => "v");

        // Act
        var exception = await Assert.ThrowsAsync<CofferException>(() =>
            bench.Service.SetAsync(vault, "name", "value", new SecretAttributes(Tags: tags), ct));

        // Assert
        Assert.Equal(400, exception.Status);
        Assert.Empty(bench.Store.Versions);
    }

    [Fact]
    public async Task UpdateAsync_OnlyContentType_KeepsOtherAttributes()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var bench = new SecretBench();
        var vault = await bench.CreateVaultAsync("billing", ct);
        var tags = new Dictionary<string, string> { ["env"] = "prod" };
        await bench.Service.SetAsync(vault, "name", "value", new SecretAttributes(Tags: tags, Expires: SecretBench.Start.AddDays(30)), ct);
        bench.Time.Advance(TimeSpan.FromMinutes(5));

        // Act
        var updated = await bench.Service.UpdateAsync(vault, "name", null, new SecretAttributes(ContentType: "application/json"), ct);

        // Assert
        var (secret, value) = await bench.Service.GetAsync(vault, "name", null, ct);
        Assert.Equal("value", value);
        Assert.Equal("application/json", secret.ContentType);
        Assert.Equal("prod", secret.Tags!["env"]); // set above
        Assert.Equal(SecretBench.Start.AddDays(30), secret.Expires);
        Assert.Equal(SecretBench.Start, secret.Created);
        Assert.Equal(SecretBench.Start.AddMinutes(5), updated.Updated);
    }
}
