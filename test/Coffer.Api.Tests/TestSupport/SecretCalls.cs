using System.Text.Json;
using System.Text.Json.Nodes;

namespace Coffer.Api.Tests.TestSupport;

/// <summary>Shorthands for the secret calls that set up a test (the calls under test are spelled out in the tests).</summary>
internal static class SecretCalls
{
    public static string Path(string name, string? rest = null, string apiVersion = ServerFixture.ApiVersion) =>
        $"/secrets/{name}{rest}?api-version={apiVersion}";

    public static string SetBody(string value, string? contentType = null, JsonObject? tags = null, JsonObject? attributes = null)
    {
        var body = new JsonObject { ["value"] = value };
        if (contentType is not null)
        {
            body["contentType"] = contentType;
        }

        if (tags is not null)
        {
            body["tags"] = tags;
        }

        if (attributes is not null)
        {
            body["attributes"] = attributes;
        }

        return body.ToJsonString();
    }

    /// <summary>PUTs a secret and returns the 200 bundle.</summary>
    public static async Task<JsonElement> SetSecretAsync(this ServerFixture fixture, string name, string value, string? contentType = null, JsonObject? tags = null, JsonObject? attributes = null)
    {
        using var response = await fixture.SendAsync(HttpMethod.Put, Path(name), SetBody(value, contentType, tags, attributes));
        return await Wire.AssertJsonAsync(response);
    }

    /// <summary>The version (last id segment) of a bundle.</summary>
    public static string VersionOf(JsonElement bundle) => bundle.GetProperty("id").GetString()!.Split('/')[^1]; // ids are always strings

    public static async Task DeleteSecretAsync(this ServerFixture fixture, string name)
    {
        using var response = await fixture.SendAsync(HttpMethod.Delete, Path(name));
        await Wire.AssertJsonAsync(response);
    }

    /// <summary>Asserts that nothing exists under the name (neither live nor deleted).</summary>
    public static async Task AssertSecretAbsentAsync(this ServerFixture fixture, string name)
    {
        using var live = await fixture.SendAsync(HttpMethod.Get, Path(name));
        await Wire.AssertErrorAsync(live, System.Net.HttpStatusCode.NotFound, "SecretNotFound");
        using var deleted = await fixture.SendAsync(HttpMethod.Get, $"/deletedsecrets/{name}?api-version={ServerFixture.ApiVersion}");
        await Wire.AssertErrorAsync(deleted, System.Net.HttpStatusCode.NotFound, "SecretNotFound");
    }
}
