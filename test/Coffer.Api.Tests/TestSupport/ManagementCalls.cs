using System.Net;
using System.Text.Json;
using Coffer.Core;
using Coffer.Core.Authorization;
using Coffer.Core.Identity;

namespace Coffer.Api.Tests.TestSupport;

/// <summary>Requests to the management API on the bare host, and shorthands for the identity calls that set up a test.</summary>
internal static class ManagementCalls
{
    public const string ApiVersion = "2023-01-31";

    public static Uri BareHost(this ServerFixture fixture) => new(fixture.Server.Resource);

    public static string Subscription(this ServerFixture fixture) => fixture.GetService<Deployment>().SubscriptionId.ToString("D");

    public static string IdentityPath(this ServerFixture fixture, string resourceGroup, string name, string rest = "", string? apiVersion = ApiVersion) =>
        $"/subscriptions/{fixture.Subscription()}/resourceGroups/{resourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{name}{rest}" +
        (apiVersion is null ? string.Empty : "?api-version=" + apiVersion);

    /// <summary>A management request with <paramref name="token"/> (the fixture's 'dev' token, allowed everything, unless given).</summary>
    public static async Task<HttpResponseMessage> ManageAsync(this ServerFixture fixture, HttpMethod method, string pathAndQuery, string? json = null, string? token = null)
    {
        using var request = fixture.RequestAs(token ?? fixture.Token, method, pathAndQuery, json, fixture.BareHost());
        return await fixture.SendAsync(request);
    }

    /// <summary>Creates an identity through the API; returns its ARM JSON.</summary>
    public static async Task<JsonElement> CreateIdentityAsync(this ServerFixture fixture, string resourceGroup, string name, string? json = null)
    {
        using var response = await fixture.ManageAsync(HttpMethod.Put, fixture.IdentityPath(resourceGroup, name), json ?? "{}");
        return await Wire.AssertJsonAsync(response, HttpStatusCode.Created);
    }

    /// <summary>Mints a credential through the API; returns its one-time JSON.</summary>
    public static async Task<JsonElement> CreateCredentialAsync(this ServerFixture fixture, string resourceGroup, string name, string json = "{}")
    {
        using var response = await fixture.ManageAsync(HttpMethod.Post, fixture.IdentityPath(resourceGroup, name, "/credentials"), json);
        return await Wire.AssertJsonAsync(response, HttpStatusCode.Created);
    }

    /// <summary>A managed identity (made in the domain, not through the API under test) holding only <paramref name="role"/> at <paramref name="scope"/>, and a token for it.</summary>
    public static async Task<(ManagedIdentity Identity, string Token)> CallerWithRoleAsync(this ServerFixture fixture, RoleDefinition? role, string scope = "/")
    {
        var (identity, credential) = await fixture.GetService<IdentityService>().CreateAsync(Names.Unique("caller"), TestContext.Current.CancellationToken);
        if (role is not null)
        {
            await fixture.GetService<AccessEvaluator>().AssignAsync(identity.PrincipalId, role, scope, TestContext.Current.CancellationToken);
        }

        return (identity, await fixture.Server.GetTokenAsync(credential));
    }

    /// <summary>Asks the App Service endpoint for a token with <paramref name="identityHeader"/>.</summary>
    public static async Task<HttpResponseMessage> AppServiceTokenAsync(this ServerFixture fixture, string identityHeader, string extraQuery = "")
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{fixture.Server.IdentityEndpoint}?api-version=2019-08-01&resource={Uri.EscapeDataString(fixture.Server.Resource)}{extraQuery}");
        request.Headers.Add("X-IDENTITY-HEADER", identityHeader);
        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
