using Azure;
using Azure.Core.Pipeline;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Coffer.Core.Abstractions;
using Coffer.Core.Audit;
using Coffer.Core.Identity;
using Coffer.Core.Vaults;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Compat.Tests;

/// <summary>
/// The unmodified SecretClient, allowed (managed identity 'dev'), denied (a service principal without a role) and
/// unauthenticated: the audit log holds exactly the matching records, with Key Vault's operation names.
/// </summary>
public sealed class AuditTests(CompatFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SecretClient_AllowedDeniedAndAnonymous_ExactlyTheMatchingRecords()
    {
        // Arrange
        var services = fixture.Server.Services;
        var vault = await services.GetRequiredService<VaultDirectory>().EnsureAsync("au" + Guid.NewGuid().ToString("N")[..12], Ct);
        var dev = (await services.GetRequiredService<IdentityService>().FindAsync("dev", Ct))!; // --dev creates it
        var principals = services.GetRequiredService<ServicePrincipalService>();
        var stranger = await principals.CreateAsync(TestNames.Unique("audit-sp"), Ct);
        var password = await principals.AddPasswordAsync(stranger, "audit", null, Ct);
        var allowed = Client(vault.Name, fixture.Credential);
        var denied = Client(vault.Name, new ClientSecretCredential(fixture.Server.TenantId.ToString("D"), stranger.AppId.ToString("D"), password.SecretText, new ClientSecretCredentialOptions
        {
            AuthorityHost = new Uri(fixture.Server.Resource),
            DisableInstanceDiscovery = true,
            Transport = new HttpClientTransport(fixture.Server.CreateHandler()),
            Retry = { MaxRetries = 0 },
        }));
        using var anonymous = new HttpClient(fixture.Server.CreateHandler());
        var correlation = Guid.NewGuid().ToString("D");

        // Act
        var set = (await allowed.SetSecretAsync("audited", "audited-value", Ct)).Value;
        await allowed.GetSecretAsync("audited", cancellationToken: Ct);
        await foreach (var _ in allowed.GetPropertiesOfSecretsAsync(Ct))
        {
        }

        var refused = await Assert.ThrowsAsync<RequestFailedException>(() => denied.GetSecretAsync("audited", cancellationToken: Ct));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(fixture.Server.VaultUri(vault.Name), "/secrets/audited?api-version=7.6"));
        request.Headers.Add("x-ms-client-request-id", correlation);
        using var unauthenticated = await anonymous.SendAsync(request, Ct);

        // Assert
        Assert.Equal(403, refused.Status);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        var records = await RecordsAsync(services.GetRequiredService<IAuditStore>(), vault.Name);
        var objectUri = $"{fixture.Server.VaultUri(vault.Name).ToString().TrimEnd('/')}/secrets/audited";
        // Each new client's first request is the bearer challenge, sent without a token: those are the 401s.
        var authenticated = records.Where(r => r.Identity is not null).Select(r => (r.OperationName, r.ResultType, r.HttpStatusCode, r.Identity!.ObjectId, r.Identity.ApplicationId, r.ObjectUri));
        Assert.Equal(
            [
                ("SecretSet", "Success", 200, dev.PrincipalId.ToString("D"), dev.ClientId.ToString("D"), objectUri),
                ("SecretGet", "Success", 200, dev.PrincipalId.ToString("D"), dev.ClientId.ToString("D"), objectUri),
                ("SecretList", "Success", 200, dev.PrincipalId.ToString("D"), dev.ClientId.ToString("D"), fixture.Server.VaultUri(vault.Name).ToString()),
                ("SecretGet", "Forbidden", 403, stranger.ObjectId.ToString("D"), stranger.AppId.ToString("D"), objectUri),
            ],
            authenticated);
        Assert.All(records.Where(r => r.Identity is null), r => Assert.Equal(("Unauthorized", "Unauthorized", 401), (r.ResultType, r.ResultSignature, r.HttpStatusCode)));
        var anonymousRecord = Assert.Single(records, r => r.CorrelationId == correlation);
        Assert.Equal(("SecretGet", 401), (anonymousRecord.OperationName, anonymousRecord.HttpStatusCode));
        Assert.Null(anonymousRecord.Identity);
        Assert.All(records, r => Assert.Equal(vault.ResourceId(services.GetRequiredService<Coffer.Core.Deployment>().SubscriptionId), r.ResourceId));
        Assert.Contains(records, r => r.ClientInfo?.Contains("azsdk-net-Security.KeyVault.Secrets", StringComparison.Ordinal) == true);
        Assert.NotNull(set.Id);
    }

    [Fact]
    public async Task TokenRequests_IssuedAndRefused_TheIssuedOnesRecordTheirSubjectTheRefusedOneNobody()
    {
        // Arrange
        var services = fixture.Server.Services;
        var dev = (await services.GetRequiredService<IdentityService>().FindAsync("dev", Ct))!; // --dev creates it
        var principals = services.GetRequiredService<ServicePrincipalService>();
        var principal = await principals.CreateAsync(TestNames.Unique("token-audit"), Ct);
        var password = await principals.AddPasswordAsync(principal, "audit", null, Ct);
        var correct = Credential(principal.AppId, password.SecretText);
        var wrong = Credential(principal.AppId, "not-" + password.SecretText);
        var scope = new Azure.Core.TokenRequestContext([fixture.Server.Resource + "/.default"]);

        // Act: the fixture's DefaultAzureCredential asks the managed-identity endpoint once, then caches
        await fixture.Credential.GetTokenAsync(scope, Ct);
        await correct.GetTokenAsync(scope, Ct);
        await Assert.ThrowsAsync<AuthenticationFailedException>(async () => await wrong.GetTokenAsync(scope, Ct));

        // Assert: the refused request names nobody, though it claimed the same client id
        var page = await services.GetRequiredService<IAuditStore>().QueryAsync(
            new AuditQuery { OperationNames = ["TokenIssue"], Since = DateTimeOffset.UtcNow.AddMinutes(-5), Order = AuditOrder.OldestFirst, PageSize = AuditQuery.MaxPageSize }, Ct);
        var mine = page.Items.Where(r => r.Identity?.ApplicationId == principal.AppId.ToString("D") || r.HttpStatusCode >= 400).ToList();
        var issued = Assert.Single(mine, r => r.HttpStatusCode == 200);
        Assert.Equal(
            (principal.ObjectId.ToString("D"), principal.AppId.ToString("D"), fixture.Server.TenantId.ToString("D")),
            (issued.Identity!.ObjectId, issued.Identity.ApplicationId, issued.Identity.TenantId));
        Assert.Contains(mine, r => r.HttpStatusCode >= 400 && r.Identity is null);
        Assert.DoesNotContain(mine, r => r.HttpStatusCode >= 400 && r.Identity is not null);
        var managed = await services.GetRequiredService<IAuditStore>().QueryAsync(
            new AuditQuery { OperationNames = ["ManagedIdentityTokenIssue"], HttpStatusCodes = [200], PageSize = AuditQuery.MaxPageSize }, Ct);
        Assert.Contains(managed.Items, r => r.Identity?.ObjectId == dev.PrincipalId.ToString("D") && r.Identity.ApplicationId == dev.ClientId.ToString("D"));
    }

    private ClientSecretCredential Credential(Guid appId, string secret) =>
        new(fixture.Server.TenantId.ToString("D"), appId.ToString("D"), secret, new ClientSecretCredentialOptions
        {
            AuthorityHost = new Uri(fixture.Server.Resource),
            DisableInstanceDiscovery = true,
            Transport = new HttpClientTransport(fixture.Server.CreateHandler()),
            Retry = { MaxRetries = 0 },
        });

    private static async Task<List<AuditRecord>> RecordsAsync(IAuditStore store, string vault)
    {
        var page = await store.QueryAsync(new AuditQuery { VaultName = vault, Order = AuditOrder.OldestFirst, PageSize = AuditQuery.MaxPageSize }, Ct);
        Assert.Null(page.NextToken);
        return [.. page.Items];
    }

    private SecretClient Client(string vault, Azure.Core.TokenCredential credential)
    {
        var options = new SecretClientOptions { Transport = new HttpClientTransport(fixture.Server.CreateHandler()) };
        options.Retry.MaxRetries = 0;
        return new SecretClient(fixture.Server.VaultUri(vault), credential, options);
    }
}
