using System.Net;
using Coffer.Api.Tests.TestSupport;
using Coffer.Testing;

namespace Coffer.Api.Tests.Endpoints;

/// <summary>A backup restores within its deployment and nowhere else (keyvault-rest-api.md §1.7).</summary>
public sealed class BackupPortabilityTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Restore_BlobFromAnotherDeployment_Returns400AndRestoresNothing()
    {
        // Arrange: a second Coffer with its own root key backs up a secret.
        var name = Names.Unique("foreign");
        await using var other = await CofferServer.StartAsync();
        using var otherClient = other.CreateHttpClient();
        var otherToken = await other.GetTokenAsync();
        using (var put = new HttpRequestMessage(HttpMethod.Put, new Uri(other.DevVaultUri, SecretCalls.Path(name))))
        {
            put.Headers.TryAddWithoutValidation("Authorization", "Bearer " + otherToken);
            put.Content = new StringContent(SecretCalls.SetBody("v"), System.Text.Encoding.UTF8, "application/json");
            using var response = await otherClient.SendAsync(put, TestContext.Current.CancellationToken);
            await Wire.AssertJsonAsync(response);
        }

        string blob;
        using (var backup = new HttpRequestMessage(HttpMethod.Post, new Uri(other.DevVaultUri, SecretCalls.Path(name, "/backup"))))
        {
            backup.Headers.TryAddWithoutValidation("Authorization", "Bearer " + otherToken);
            using var response = await otherClient.SendAsync(backup, TestContext.Current.CancellationToken);
            blob = (await Wire.AssertJsonAsync(response)).GetProperty("value").GetString()!; // a backup always has a value
        }

        // Act
        using var restore = await fixture.SendAsync(HttpMethod.Post, $"/secrets/restore?api-version={ServerFixture.ApiVersion}", $$"""{"value":"{{blob}}"}""");

        // Assert
        await Wire.AssertErrorAsync(restore, HttpStatusCode.BadRequest, "BadParameter");
        await fixture.AssertSecretAbsentAsync(name);
    }

    [Fact]
    public async Task OtherDeploymentsToken_Returns401()
    {
        // Arrange: same protocol, same port layout, different signing keys and tenant.
        await using var other = await CofferServer.StartAsync();
        var token = await other.GetTokenAsync();
        using var request = fixture.RequestAs(token, HttpMethod.Get, $"/secrets?api-version={ServerFixture.ApiVersion}");

        // Act
        using var response = await fixture.SendAsync(request);

        // Assert
        await Wire.AssertChallengeAsync(response, fixture.Server);
    }
}
