using System.Net.Http.Json;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Coffer.Core.Authorization;

namespace Coffer.Compat.Tests;

/// <summary>
/// The unmodified Azure.Identity <see cref="ClientSecretCredential"/> (MSAL.NET, v2 tenant authority, instance
/// discovery off) against Coffer's token service, driving the unmodified <see cref="SecretClient"/>: as the bootstrap
/// administrator, and as a service principal created through the Graph-shaped API, before and after it holds a role,
/// and after its secret is removed or it is deleted.
/// </summary>
public sealed class ServicePrincipalTests(CompatFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BootstrapAdmin_ClientSecretCredential_SetsAndReadsSecret()
    {
        // Arrange
        var client = SecretClientFor(Credential(fixture.Server.AdminClientId, fixture.Server.AdminClientSecret));
        var name = TestNames.Unique("sp-admin");

        // Act
        await client.SetSecretAsync(name, "from the admin", Ct);
        var read = await client.GetSecretAsync(name, cancellationToken: Ct);

        // Assert
        Assert.Equal("from the admin", read.Value.Value);
    }

    [Fact]
    public async Task BootstrapAdmin_GetToken_IsCoffersJwtForTheResource()
    {
        // Arrange
        var credential = Credential(fixture.Server.AdminClientId, fixture.Server.AdminClientSecret);

        // Act
        var token = await credential.GetTokenAsync(new TokenRequestContext([fixture.Server.Resource + "/.default"]), Ct);

        // Assert
        Assert.True(token.ExpiresOn > DateTimeOffset.UtcNow.AddMinutes(50));
        var payload = JsonDocument.Parse(Convert.FromBase64String(Pad(token.Token.Split('.')[1]))).RootElement;
        Assert.Equal(fixture.Server.Resource, payload.GetProperty("aud").GetString());
        Assert.Equal(fixture.Server.AdminClientId, payload.GetProperty("appid").GetString());
    }

    [Fact]
    public async Task NewServicePrincipal_Forbidden_ThenRole_ThenRevoked()
    {
        // Arrange: created through the Graph-shaped API with the admin's token, as `coffer ad sp create-for-rbac` does.
        var (objectId, appId, secret, keyId) = await CreateServicePrincipalAsync();
        var client = SecretClientFor(Credential(appId, secret));
        var name = TestNames.Unique("sp-rbac");
        await SecretClientFor(Credential(fixture.Server.AdminClientId, fixture.Server.AdminClientSecret)).SetSecretAsync(name, "v", Ct);

        // Act & Assert: no role, 403.
        var forbidden = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetSecretAsync(name, cancellationToken: Ct));
        Assert.Equal(403, forbidden.Status);

        // A role on the dev vault: the same client (same cached token) now reads.
        await Access.AssignAsync(objectId, BuiltInRoles.SecretsUser, fixture.Server.VaultScope("dev"), Ct);
        Assert.Equal("v", (await client.GetSecretAsync(name, cancellationToken: Ct)).Value.Value);

        // The secret removed: the cached token is refused at once; a new credential cannot sign in.
        using (var admin = await AdminHttpClientAsync())
        using (var removed = await admin.PostAsJsonAsync($"/v1.0/servicePrincipals/{objectId:D}/removePassword", new { keyId }, Ct))
        {
            Assert.Equal(System.Net.HttpStatusCode.NoContent, removed.StatusCode);
        }

        var revoked = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetSecretAsync(name, cancellationToken: Ct));
        Assert.Equal(401, revoked.Status);
        await Assert.ThrowsAsync<AuthenticationFailedException>(() => SecretClientFor(Credential(appId, secret)).GetSecretAsync(name, cancellationToken: Ct));
    }

    [Fact]
    public async Task DeletedServicePrincipal_ItsCachedToken_Gets401()
    {
        // Arrange
        var (objectId, appId, secret, _) = await CreateServicePrincipalAsync();
        await Access.AssignAsync(objectId, BuiltInRoles.SecretsOfficer, fixture.Server.VaultScope("dev"), Ct);
        var client = SecretClientFor(Credential(appId, secret));
        var name = TestNames.Unique("sp-deleted");
        await client.SetSecretAsync(name, "v", Ct);

        // Act
        using (var admin = await AdminHttpClientAsync())
        using (var deleted = await admin.DeleteAsync($"/v1.0/servicePrincipals/{appId}", Ct))
        {
            Assert.Equal(System.Net.HttpStatusCode.NoContent, deleted.StatusCode);
        }

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetSecretAsync(name, cancellationToken: Ct));

        // Assert
        Assert.Equal(401, error.Status);
    }

    [Fact]
    public async Task WrongSecret_ClientSecretCredential_ThrowsAuthenticationFailedWithEntraCode()
    {
        // Arrange
        var client = SecretClientFor(Credential(fixture.Server.AdminClientId, "not-the-secret"));

        // Act
        var error = await Assert.ThrowsAsync<AuthenticationFailedException>(() => client.GetSecretAsync("anything", cancellationToken: Ct));

        // Assert
        Assert.Contains("AADSTS7000215", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Server.AdminClientSecret, error.ToString(), StringComparison.Ordinal);
    }

    // The real host always registers the evaluator.
    private AccessEvaluator Access => (AccessEvaluator)fixture.Server.Services.GetService(typeof(AccessEvaluator))!;

    private ClientSecretCredential Credential(string clientId, string secret) =>
        new(fixture.Server.TenantId.ToString("D"), clientId, secret, new ClientSecretCredentialOptions
        {
            AuthorityHost = new Uri(fixture.Server.Resource),
            DisableInstanceDiscovery = true,
            Transport = new HttpClientTransport(fixture.Server.CreateHandler()),
            Retry = { MaxRetries = 0 },
        });

    private SecretClient SecretClientFor(TokenCredential credential)
    {
        var options = new SecretClientOptions { Transport = new HttpClientTransport(fixture.Server.CreateHandler()) };
        options.Retry.MaxRetries = 0;
        return new SecretClient(fixture.Server.DevVaultUri, credential, options);
    }

    /// <summary>An HTTP client on the bare host carrying the administrator's token, got through the SDK credential.</summary>
    private async Task<HttpClient> AdminHttpClientAsync()
    {
        var token = await Credential(fixture.Server.AdminClientId, fixture.Server.AdminClientSecret)
            .GetTokenAsync(new TokenRequestContext([fixture.Server.Resource + "/.default"]), Ct);
        var http = fixture.Server.CreateHttpClient();
        http.BaseAddress = new Uri(fixture.Server.Resource);
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.Token);
        return http;
    }

    private async Task<(Guid ObjectId, string AppId, string Secret, string KeyId)> CreateServicePrincipalAsync()
    {
        using var admin = await AdminHttpClientAsync();
        using var created = await admin.PostAsJsonAsync("/v1.0/servicePrincipals", new { displayName = TestNames.Unique("compat-sp") }, Ct);
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        var principal = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var objectId = principal.GetProperty("id").GetString()!; // the create answer always has it
        using var added = await admin.PostAsJsonAsync($"/v1.0/servicePrincipals/{objectId}/addPassword", new { passwordCredential = new { displayName = "compat" } }, Ct);
        added.EnsureSuccessStatusCode();
        var password = await added.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return (Guid.Parse(objectId), principal.GetProperty("appId").GetString()!, password.GetProperty("secretText").GetString()!, password.GetProperty("keyId").GetString()!);
    }

    private static string Pad(string base64Url)
    {
        var text = base64Url.Replace('-', '+').Replace('_', '/');
        return text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
    }
}
