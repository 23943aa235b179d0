using System.Net.Http.Json;
using System.Text.Json;
using Coffer.Core;
using Coffer.Core.Authorization;
using Coffer.Core.Vaults;
using Coffer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Compat.Tests;

/// <summary>
/// A Coffer of its own for the managed-identity protocols: identity <see cref="HostIdentity"/> is assigned to the host
/// (<c>serve --imds-identity</c>) and <see cref="AppIdentity"/> has a workload credential, both made through the
/// management API as the CLI makes them, both allowed to read the secret <see cref="SecretName"/> of vault 'dev'.
/// </summary>
public sealed class ManagedIdentityFixture : IAsyncLifetime
{
    public const string HostIdentity = "compat-host";
    public const string AppIdentity = "compat-app";
    public const string SecretName = "mi-greeting";

    public CofferServer Server { get; private set; } = null!;

    public string SecretValue { get; } = "hello-" + Guid.NewGuid().ToString("N");

    public string HostClientId { get; private set; } = null!;

    public string AppClientId { get; private set; } = null!;

    /// <summary>The App Service pair the management API returned for <see cref="AppIdentity"/>.</summary>
    public (string Endpoint, string Header) AppCredential { get; private set; }

    public async ValueTask InitializeAsync()
    {
        Server = await CofferServer.StartAsync(configureOptions: options => options.ImdsIdentities.Add(HostIdentity));
        using var client = Server.CreateHttpClient();
        var token = await Server.GetTokenAsync();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var subscription = Server.Services.GetRequiredService<Deployment>().SubscriptionId;
        var access = Server.Services.GetRequiredService<AccessEvaluator>();

        HostClientId = await CreateIdentityAsync(client, subscription, HostIdentity, access);
        AppClientId = await CreateIdentityAsync(client, subscription, AppIdentity, access);
        using var credential = await client.PostAsync(IdentityUri(subscription, AppIdentity, "/credentials"), JsonContent.Create(new { }));
        credential.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await credential.Content.ReadAsStringAsync());
        AppCredential = (body.RootElement.GetProperty("identityEndpoint").GetString()!, body.RootElement.GetProperty("identityHeader").GetString()!); // the 201 carries both

        using var secret = await client.PutAsync(new Uri(Server.DevVaultUri, $"/secrets/{SecretName}?api-version=7.6"), JsonContent.Create(new { value = SecretValue }));
        secret.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();

    /// <summary>The environment every child client needs besides its credential variables: where Coffer's CA is.</summary>
    public Dictionary<string, string> BaseEnvironment() => new()
    {
        ["COFFER_TEST_CA"] = Path.Combine(Server.DataDirectory, "ca.crt"),
        ["REQUESTS_CA_BUNDLE"] = Path.Combine(Server.DataDirectory, "ca-bundle.crt"),
    };

    private Uri IdentityUri(Guid subscription, string name, string rest = "") =>
        new($"{Server.Resource}/subscriptions/{subscription:D}/resourceGroups/compat/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{name}{rest}?api-version=2023-01-31");

    private async Task<string> CreateIdentityAsync(HttpClient client, Guid subscription, string name, AccessEvaluator access)
    {
        using var response = await client.PutAsync(IdentityUri(subscription, name), JsonContent.Create(new { location = "local" }));
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var properties = body.RootElement.GetProperty("properties");
        await access.AssignAsync(Guid.Parse(properties.GetProperty("principalId").GetString()!), BuiltInRoles.SecretsUser, ResourceScope.VaultPath(subscription, Vault.DefaultResourceGroup, "dev"), CancellationToken.None);
        return properties.GetProperty("clientId").GetString()!; // ARM always sends it
    }
}
