using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure;
using Azure.Core;
using Coffer.Core.Authorization;

namespace Coffer.Server.Tests.Cluster;

/// <summary>
/// Two <c>coffer serve</c> nodes on one PostgreSQL database: what is written through node A is what node B serves on
/// the very next request, though B caches vaults, role assignments, signing keys, live credentials, secret versions and
/// key versions. The unmodified SDK (<c>SecretClient</c>, <c>ClientSecretCredential</c>) writes through one node and reads through the other.
/// </summary>
public sealed class ReadYourWritesTests : IAsyncLifetime
{
    private ClusterDatabase? _database;
    private CofferCluster? _cluster;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private CofferCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster did not start.");

    private ClusterNode A => Cluster.Nodes[0];

    private ClusterNode B => Cluster.Nodes[1];

    public async ValueTask InitializeAsync()
    {
        _database = await ClusterDatabase.CreateAsync();
        _cluster = await CofferCluster.StartAsync(_database.ConnectionString, 2, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task SecretSetOnA_IsReadOnBAtOnce_AndANewVersionToo()
    {
        // Arrange
        await Cluster.CreateVaultAsync(A, "ryw-secrets", Ct);
        var onA = A.Secrets("ryw-secrets", Admin(A));
        var onB = B.Secrets("ryw-secrets", Admin(B));
        await onB.SetSecretAsync("warm", "caches B's view of the vault", Ct);

        // Act
        await onA.SetSecretAsync("db", "first", Ct);
        var first = await onB.GetSecretAsync("db", cancellationToken: Ct);
        await onA.SetSecretAsync("db", "second", Ct);
        var second = await onB.GetSecretAsync("db", cancellationToken: Ct);

        // Assert
        Assert.Equal("first", first.Value.Value);
        Assert.Equal("second", second.Value.Value);
    }

    [Fact]
    public async Task SecretChangedOnA_AfterBServedIt_IsSeenOnBAtOnce()
    {
        // Arrange: B has just served the secret, so B caches it; each step below is read on B right after A's write.
        await Cluster.CreateVaultAsync(A, "ryw-cached", Ct);
        var onA = A.Secrets("ryw-cached", Admin(A));
        var onB = B.Secrets("ryw-cached", Admin(B));
        await onA.SetSecretAsync("db", "first", Ct);
        var served = (await onB.GetSecretAsync("db", cancellationToken: Ct)).Value;

        // Act
        served.Properties.ContentType = "text/changed-on-a";
        await onA.UpdateSecretPropertiesAsync(served.Properties, Ct);
        var updated = (await onB.GetSecretAsync("db", cancellationToken: Ct)).Value;
        await (await onA.StartDeleteSecretAsync("db", Ct)).WaitForCompletionAsync(Ct);
        var deleted = await Assert.ThrowsAsync<RequestFailedException>(() => onB.GetSecretAsync("db", cancellationToken: Ct));
        await (await onA.StartRecoverDeletedSecretAsync("db", Ct)).WaitForCompletionAsync(Ct);
        var recovered = (await onB.GetSecretAsync("db", cancellationToken: Ct)).Value;
        served.Properties.Enabled = false;
        await onA.UpdateSecretPropertiesAsync(served.Properties, Ct);
        var disabled = await Assert.ThrowsAsync<RequestFailedException>(() => onB.GetSecretAsync("db", cancellationToken: Ct));

        // Assert
        Assert.Equal("first", served.Value);
        Assert.Equal("text/changed-on-a", updated.Properties.ContentType);
        Assert.Equal(404, deleted.Status);
        Assert.Equal("first", recovered.Value);
        Assert.Equal(403, disabled.Status);
    }

    [Fact]
    public async Task KeyChangedOnA_AfterBSignedWithIt_IsSeenOnBAtOnce()
    {
        // Arrange: B has just signed with the key, so B caches its version (raw HTTP: there is no .NET keys SDK here).
        await Cluster.CreateVaultAsync(A, "ryw-keys", Ct);
        using var onA = VaultHttp(A, "ryw-keys", await Cluster.AdminTokenAsync(A, Ct));
        using var onB = VaultHttp(B, "ryw-keys", await Cluster.AdminTokenAsync(B, Ct));
        var first = await KeyVersionOf(await onA.PostAsJsonAsync("/keys/signer/create?api-version=7.5", new { kty = "EC", crv = "P-256" }, Ct));
        var digest = new { alg = "ES256", value = Convert.ToBase64String(new byte[32]).TrimEnd('=') };
        using var signed = await onB.PostAsJsonAsync($"/keys/signer/{first}/sign?api-version=7.5", digest, Ct);

        // Act
        using var restricted = await onA.PatchAsJsonAsync($"/keys/signer/{first}?api-version=7.5", new { key_ops = new[] { "verify" } }, Ct);
        using var refused = await onB.PostAsJsonAsync($"/keys/signer/{first}/sign?api-version=7.5", digest, Ct);
        var second = await KeyVersionOf(await onA.PostAsJsonAsync("/keys/signer/create?api-version=7.5", new { kty = "EC", crv = "P-256" }, Ct));
        var latest = await KeyVersionOf(await onB.GetAsync("/keys/signer?api-version=7.5", Ct));
        using var deleted = await onA.DeleteAsync("/keys/signer?api-version=7.5", Ct);
        using var gone = await onB.GetAsync("/keys/signer?api-version=7.5", Ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, restricted.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.NotEqual(first, second);
        Assert.Equal(second, latest);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task RoleAssignedOnA_TakesEffectOnBAtOnce_AndItsRemovalToo()
    {
        // Arrange: a service principal that B has already refused (so B caches that it holds nothing).
        var scope = await Cluster.CreateVaultAsync(A, "ryw-rbac", Ct);
        await A.Secrets("ryw-rbac", Admin(A)).SetSecretAsync("db", "v", Ct);
        var (objectId, appId, secret) = await CreateServicePrincipalAsync(A);
        var asPrincipalOnB = B.Secrets("ryw-rbac", B.Credential(Cluster.TenantId, appId, secret));
        var before = await Assert.ThrowsAsync<RequestFailedException>(() => asPrincipalOnB.GetSecretAsync("db", cancellationToken: Ct));
        using var admin = A.BareHost(await Cluster.AdminTokenAsync(A, Ct));
        var subscription = await CofferCluster.SubscriptionAsync(admin, Ct);
        var assignment = $"{scope}/providers/Microsoft.Authorization/roleAssignments/{Guid.NewGuid()}?api-version=2022-04-01";

        // Act
        using (var put = await admin.PutAsJsonAsync(assignment, new
        {
            properties = new
            {
                roleDefinitionId = $"/subscriptions/{subscription}/providers/Microsoft.Authorization/roleDefinitions/{BuiltInRoles.SecretsUser.Id:D}",
                principalId = objectId,
            },
        }, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        var allowed = await asPrincipalOnB.GetSecretAsync("db", cancellationToken: Ct);
        using (var delete = await admin.DeleteAsync(assignment, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        }

        var after = await Assert.ThrowsAsync<RequestFailedException>(() => asPrincipalOnB.GetSecretAsync("db", cancellationToken: Ct));

        // Assert
        Assert.Equal(403, before.Status);
        Assert.Equal("v", allowed.Value.Value);
        Assert.Equal(403, after.Status);
    }

    [Fact]
    public async Task VaultDeletedOnA_Is404OnBAtOnce()
    {
        // Arrange: B has served the vault, so it has it cached.
        var path = await Cluster.CreateVaultAsync(A, "ryw-gone", Ct);
        var onB = B.Secrets("ryw-gone", Admin(B));
        await onB.SetSecretAsync("db", "v", Ct);
        using var admin = A.BareHost(await Cluster.AdminTokenAsync(A, Ct));

        // Act
        using (var deleted = await admin.DeleteAsync($"{path}?api-version=2023-07-01", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        }

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => onB.GetSecretAsync("db", cancellationToken: Ct));

        // Assert
        Assert.Equal(404, error.Status);
    }

    [Fact]
    public async Task TokenIssuedByA_IsAcceptedByB()
    {
        // Arrange
        await Cluster.CreateVaultAsync(B, "ryw-token", Ct);
        var fromA = await Cluster.AdminTokenAsync(A, Ct);

        // Act
        var onB = B.Secrets("ryw-token", new BearerToken(fromA));
        await onB.SetSecretAsync("db", "set on B with A's token", Ct);

        // Assert
        Assert.Equal("set on B with A's token", (await onB.GetSecretAsync("db", cancellationToken: Ct)).Value.Value);
    }

    [Fact]
    public async Task IdentityCreatedOnA_GetsATokenOnB_AndItsRevokedCredentialDoesNot()
    {
        // Arrange
        using var admin = A.BareHost(await Cluster.AdminTokenAsync(A, Ct));
        var subscription = await CofferCluster.SubscriptionAsync(admin, Ct);
        var identity = $"/subscriptions/{subscription}/resourceGroups/cluster/providers/Microsoft.ManagedIdentity/userAssignedIdentities/ryw-app";
        using (var put = await admin.PutAsJsonAsync($"{identity}?api-version=2023-01-31", new { location = "local" }, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        // Act
        JsonElement credential;
        using (var created = await admin.PostAsJsonAsync($"{identity}/credentials?api-version=2023-01-31", new { }, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            credential = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        }

        var header = credential.GetProperty("identityHeader").GetString()!; // a 201 always carries it
        var issued = await ManagedIdentityTokenAsync(B, header);
        using (var revoked = await admin.DeleteAsync($"{identity}/credentials/{credential.GetProperty("id").GetString()}?api-version=2023-01-31", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        }

        var refused = await ManagedIdentityTokenAsync(B, header);

        // Assert
        Assert.Equal(HttpStatusCode.OK, issued);
        Assert.NotEqual(HttpStatusCode.OK, refused);
    }

    private static HttpClient VaultHttp(ClusterNode node, string vault, string token)
    {
        var http = new HttpClient(node.Handler(), disposeHandler: false) { BaseAddress = ClusterNode.VaultUri(vault), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return http;
    }

    /// <summary>The version in a key bundle's <c>kid</c>; fails with the body when the request failed.</summary>
    private static async Task<string> KeyVersionOf(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
            using var bundle = JsonDocument.Parse(body);
            return bundle.RootElement.GetProperty("key").GetProperty("kid").GetString()!.Split('/')[^1];
        }
    }

    private TokenCredential Admin(ClusterNode node) => node.Credential(Cluster.TenantId, Cluster.AdminClientId, Cluster.AdminSecret);

    private async Task<(string ObjectId, string AppId, string Secret)> CreateServicePrincipalAsync(ClusterNode node)
    {
        using var admin = node.BareHost(await Cluster.AdminTokenAsync(node, Ct));
        using var created = await admin.PostAsJsonAsync("/v1.0/servicePrincipals", new { displayName = "ryw-" + Guid.NewGuid().ToString("N")[..8] }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var principal = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var objectId = principal.GetProperty("id").GetString()!; // the create answer always has it
        using var added = await admin.PostAsJsonAsync($"/v1.0/servicePrincipals/{objectId}/addPassword", new { passwordCredential = new { displayName = "cluster" } }, Ct);
        added.EnsureSuccessStatusCode();
        var password = await added.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return (objectId, principal.GetProperty("appId").GetString()!, password.GetProperty("secretText").GetString()!);
    }

    /// <summary>The App Service protocol on the node's own managed-identity endpoint, with a credential minted elsewhere.</summary>
    private static async Task<HttpStatusCode> ManagedIdentityTokenAsync(ClusterNode node, string identityHeader)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"http://127.0.0.1:{node.IdentityPort}/msi/token?api-version=2019-08-01&resource={Uri.EscapeDataString(ClusterNode.Resource)}");
        request.Headers.Add("X-IDENTITY-HEADER", identityHeader);
        using var response = await http.SendAsync(request, Ct);
        return response.StatusCode;
    }
}
