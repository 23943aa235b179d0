using Azure;
using Azure.Core.Pipeline;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Coffer.Core;
using Coffer.Core.Authorization;
using Coffer.Core.Identity;
using Coffer.Core.Vaults;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Compat.Tests;

/// <summary>
/// Runs alone (after the parallel tests), because it points the process's <c>IDENTITY_HEADER</c> at another managed
/// identity for the SDK to pick up, as an App Service with a user-assigned identity would.
/// </summary>
[CollectionDefinition(nameof(SecretsUserTests), DisableParallelization = true)]
public sealed class SecretsUserCollection;

[Collection(nameof(SecretsUserTests))]
public sealed class SecretsUserTests(CompatFixture fixture)
{
    [Fact]
    public async Task SecretsUserOnVault_ReadsButSetIs403ForbiddenByRbac()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var services = fixture.Server.Services;
        var vault = await services.GetRequiredService<VaultDirectory>().EnsureAsync("su" + Guid.NewGuid().ToString("N")[..12], ct);
        var admin = new SecretClient(fixture.Server.VaultUri(vault.Name), fixture.Credential, Options());
        await admin.SetSecretAsync("shared", "readable", ct);
        var (reader, credential) = await services.GetRequiredService<IdentityService>().CreateAsync("su-" + Guid.NewGuid().ToString("N")[..8], ct);
        await services.GetRequiredService<AccessEvaluator>().AssignAsync(
            reader.PrincipalId, BuiltInRoles.SecretsUser, vault.ResourceId(services.GetRequiredService<Deployment>().SubscriptionId), ct);
        var devHeader = Environment.GetEnvironmentVariable("IDENTITY_HEADER");
        Environment.SetEnvironmentVariable("IDENTITY_HEADER", credential);
        try
        {
            // A user-assigned identity by client id: its own token cache entry, never the dev identity's.
            var client = new SecretClient(fixture.Server.VaultUri(vault.Name), new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(reader.ClientId.ToString("D"))), Options());

            // Act
            var read = (await client.GetSecretAsync("shared", cancellationToken: ct)).Value;
            var set = await Assert.ThrowsAsync<RequestFailedException>(() => client.SetSecretAsync("shared", "overwritten", ct));

            // Assert
            Assert.Equal("readable", read.Value);
            Assert.Equal(403, set.Status);
            Assert.Equal("Forbidden", set.ErrorCode);
            Assert.Contains("ForbiddenByRbac", set.Message, StringComparison.Ordinal);
            Assert.Contains($"oid={reader.PrincipalId:D}", set.Message, StringComparison.Ordinal);
            Assert.Contains("Microsoft.KeyVault/vaults/secrets/setSecret/action", set.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("overwritten", set.Message, StringComparison.Ordinal);
            Assert.Equal("readable", (await admin.GetSecretAsync("shared", cancellationToken: ct)).Value.Value);
        }
        finally
        {
            Environment.SetEnvironmentVariable("IDENTITY_HEADER", devHeader);
        }
    }

    private SecretClientOptions Options()
    {
        var options = new SecretClientOptions { Transport = new HttpClientTransport(fixture.Server.CreateHandler()) };
        options.Retry.MaxRetries = 0;
        return options;
    }
}
