using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using Coffer.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Compat.Tests;

/// <summary>
/// The protected-vault scenario end to end, with the unmodified SDK and the management API: a vault with 7-day
/// retention and a <c>CanNotDelete</c> lock holds an API key; the lock refuses the delete; without it the vault is
/// deleted, recovered within its retention, and the key is intact.
/// </summary>
public sealed class ProtectedVaultTests(CompatFixture fixture)
{
    private const string ApiVersion = "?api-version=2023-07-01";
    private const string LockApiVersion = "?api-version=2016-09-01";

    [Fact]
    public async Task LockedVault_DeleteRefusedUntilUnlocked_RecoveredWithSecretIntact()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var deployment = fixture.Server.Services.GetRequiredService<Deployment>();
        var arm = new ArmCalls(fixture, fixture.Credential);
        var name = "pv" + Guid.NewGuid().ToString("N")[..12];
        var vaultId = $"/subscriptions/{deployment.SubscriptionId:D}/resourceGroups/protected/providers/Microsoft.KeyVault/vaults/{name}";
        var lockId = vaultId + "/providers/Microsoft.Authorization/locks/keep-it";
        var body = $$$"""
            {"location":"local","properties":{"tenantId":"{{{deployment.TenantId:D}}}","sku":{"family":"A","name":"standard"},"softDeleteRetentionInDays":7%MODE%}}
            """;
        var created = await arm.SendAsync(RequestMethod.Put, vaultId + ApiVersion, body.Replace("%MODE%", string.Empty, StringComparison.Ordinal));
        var locked = await arm.SendAsync(RequestMethod.Put, lockId + LockApiVersion, """{"properties":{"level":"CanNotDelete","notes":"holds the payment API key"}}""");
        var options = new SecretClientOptions { Transport = new HttpClientTransport(fixture.Server.CreateHandler()) };
        options.Retry.MaxRetries = 0;
        var secrets = new SecretClient(fixture.Server.VaultUri(name), fixture.Credential, options);
        var expires = DateTimeOffset.UtcNow.AddDays(180);
        var apiKey = new KeyVaultSecret("payments-api-key", "pk_live_0123456789") { Properties = { ExpiresOn = expires, ContentType = "text/plain" } };
        var stored = (await secrets.SetSecretAsync(apiKey, ct)).Value;

        // Act
        var refused = await arm.SendAsync(RequestMethod.Delete, vaultId + ApiVersion);
        var stillThere = (await secrets.GetSecretAsync("payments-api-key", cancellationToken: ct)).Value;
        var unlocked = await arm.SendAsync(RequestMethod.Delete, lockId + LockApiVersion);
        var deleted = await arm.SendAsync(RequestMethod.Delete, vaultId + ApiVersion);
        var gone = await Assert.ThrowsAsync<RequestFailedException>(() => secrets.GetSecretAsync("payments-api-key", cancellationToken: ct));
        var recovered = await arm.SendAsync(RequestMethod.Put, vaultId + ApiVersion, body.Replace("%MODE%", ""","createMode":"recover" """, StringComparison.Ordinal));
        var back = (await secrets.GetSecretAsync("payments-api-key", cancellationToken: ct)).Value;

        // Assert
        Assert.Equal(201, created.Status);
        Assert.Equal(7, created.Body.GetProperty("properties").GetProperty("softDeleteRetentionInDays").GetInt32());
        Assert.Equal(201, locked.Status);
        Assert.Equal(409, refused.Status);
        Assert.Equal("ScopeLocked", refused.Body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("pk_live_0123456789", stillThere.Value);
        Assert.Equal(200, unlocked.Status);
        Assert.Equal(200, deleted.Status);
        Assert.Equal(404, gone.Status);
        Assert.Equal("VaultNotFound", gone.ErrorCode);
        Assert.Equal(200, recovered.Status);
        Assert.Equal("pk_live_0123456789", back.Value);
        Assert.Equal(stored.Properties.Version, back.Properties.Version);
        Assert.Equal(expires.ToUnixTimeSeconds(), back.Properties.ExpiresOn?.ToUnixTimeSeconds());
        Assert.Equal("text/plain", back.Properties.ContentType);
    }
}
