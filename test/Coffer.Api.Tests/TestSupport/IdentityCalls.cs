using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Coffer.Api.Tests.TestSupport;

/// <summary>Shorthands for the bare host's identity calls: the token service and the service-principal API.</summary>
internal static class IdentityCalls
{
    public static string V2TokenPath(this ServerFixture fixture) => $"/{fixture.Server.TenantId:D}/oauth2/v2.0/token";

    public static string DefaultScope(this ServerFixture fixture) => fixture.Server.Resource + "/.default";

    /// <summary>The form fields of a client-credentials request, as MSAL sends them (with the extras it adds).</summary>
    public static Dictionary<string, string> ClientCredentials(this ServerFixture fixture, string clientId, string secret) => new()
    {
        ["client_id"] = clientId,
        ["client_secret"] = secret,
        ["scope"] = fixture.DefaultScope(),
        ["grant_type"] = "client_credentials",
        ["client_info"] = "1",
        ["claims"] = """{"access_token": {"xms_cc": {"values": ["CP1"]}}}""",
    };

    /// <summary>POSTs a form to a bare-host path.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this ServerFixture fixture, string path, IEnumerable<KeyValuePair<string, string>> form, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(fixture.Server.Resource), path)) { Content = new FormUrlEncodedContent(form) };
        configure?.Invoke(request);
        return await fixture.SendAsync(request);
    }

    /// <summary>A token from the v2 token endpoint; fails the test if none is issued.</summary>
    public static async Task<string> ClientTokenAsync(this ServerFixture fixture, string clientId, string secret)
    {
        using var response = await fixture.PostFormAsync(fixture.V2TokenPath(), fixture.ClientCredentials(clientId, secret));
        var body = await Wire.AssertJsonAsync(response);
        return body.GetProperty("access_token").GetString()!; // a 200 always carries it
    }

    public static Task<string> AdminTokenAsync(this ServerFixture fixture) => fixture.ClientTokenAsync(fixture.Server.AdminClientId, fixture.Server.AdminClientSecret);

    /// <summary>A request to the bare host, with a bearer token unless <paramref name="token"/> is null.</summary>
    public static HttpRequestMessage BareRequest(this ServerFixture fixture, HttpMethod method, string path, string? token, string? json = null)
    {
        var request = new HttpRequestMessage(method, new Uri(new Uri(fixture.Server.Resource), path));
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return request;
    }

    public static async Task<HttpResponseMessage> SendBareAsync(this ServerFixture fixture, HttpMethod method, string path, string? token, string? json = null)
    {
        using var request = fixture.BareRequest(method, path, token, json);
        return await fixture.SendAsync(request);
    }

    /// <summary>Creates a service principal as the administrator; returns its Graph body.</summary>
    public static async Task<JsonElement> CreateServicePrincipalAsync(this ServerFixture fixture, string adminToken, string displayName)
    {
        using var response = await fixture.SendBareAsync(HttpMethod.Post, "/v1.0/servicePrincipals", adminToken, new JsonObject { ["displayName"] = displayName }.ToJsonString());
        return await Wire.AssertJsonAsync(response, HttpStatusCode.Created);
    }

    /// <summary>Adds a password as the administrator; returns its keyId and secretText.</summary>
    public static async Task<(string KeyId, string Secret)> AddPasswordAsync(this ServerFixture fixture, string adminToken, string id, string? endDateTime = null)
    {
        var credential = new JsonObject { ["displayName"] = "test" };
        if (endDateTime is not null)
        {
            credential["endDateTime"] = endDateTime;
        }

        using var response = await fixture.SendBareAsync(HttpMethod.Post, $"/v1.0/servicePrincipals/{id}/addPassword", adminToken, new JsonObject { ["passwordCredential"] = credential }.ToJsonString());
        var body = await Wire.AssertJsonAsync(response);
        return (body.GetProperty("keyId").GetString()!, body.GetProperty("secretText").GetString()!); // addPassword always answers both
    }

    /// <summary>Creates a service principal with one secret; returns its ids, the secret and the key id.</summary>
    public static async Task<(string ObjectId, string AppId, string Secret, string KeyId)> CreateWithSecretAsync(this ServerFixture fixture, string adminToken, string? displayName = null)
    {
        var created = await fixture.CreateServicePrincipalAsync(adminToken, displayName ?? Names.Unique("sp"));
        var objectId = created.GetProperty("id").GetString()!; // the create answer always has it
        var (keyId, secret) = await fixture.AddPasswordAsync(adminToken, objectId);
        return (objectId, created.GetProperty("appId").GetString()!, secret, keyId);
    }

    /// <summary>Asserts Entra's error shape and codes; returns the description.</summary>
    public static async Task<string> AssertEntraErrorAsync(HttpResponseMessage response, HttpStatusCode status, string error, int code)
    {
        var body = await Wire.AssertJsonAsync(response, status);
        Assert.Equal(["correlation_id", "error", "error_codes", "error_description", "timestamp", "trace_id"], Wire.PropertyNames(body));
        Assert.Equal(error, body.GetProperty("error").GetString());
        Assert.Equal([code], body.GetProperty("error_codes").EnumerateArray().Select(e => e.GetInt32()));
        var description = body.GetProperty("error_description").GetString()!; // asserted present above
        Assert.StartsWith($"AADSTS{code}: ", description, StringComparison.Ordinal);
        Assert.True(Guid.TryParse(body.GetProperty("trace_id").GetString(), out _));
        Assert.True(Guid.TryParse(body.GetProperty("correlation_id").GetString(), out _));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z$", body.GetProperty("timestamp").GetString());
        return description;
    }
}
