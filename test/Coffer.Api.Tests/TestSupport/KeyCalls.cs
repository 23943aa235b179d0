using System.Text.Json;

namespace Coffer.Api.Tests.TestSupport;

/// <summary>Shorthands for the key calls that set up a test (the calls under test are spelled out in the tests).</summary>
internal static class KeyCalls
{
    public static string Path(string name, string? rest = null, string apiVersion = ServerFixture.ApiVersion) =>
        $"/keys/{name}{rest}?api-version={apiVersion}";

    /// <summary>POSTs <c>/keys/{name}/create</c> and returns the 200 bundle.</summary>
    public static async Task<JsonElement> CreateKeyAsync(this ServerFixture fixture, string name, string body)
    {
        using var response = await fixture.SendAsync(HttpMethod.Post, Path(name, "/create"), body);
        return await Wire.AssertJsonAsync(response);
    }

    /// <summary>POSTs an operation (<c>sign</c>, <c>encrypt</c>, …) to the given key path and returns the 200 body.</summary>
    public static async Task<JsonElement> OperateAsync(this ServerFixture fixture, string name, string operationPath, string body)
    {
        using var response = await fixture.SendAsync(HttpMethod.Post, Path(name, operationPath), body);
        return await Wire.AssertJsonAsync(response);
    }

    public static string Kid(JsonElement bundle) => bundle.GetProperty("key").GetProperty("kid").GetString()!; // a bundle always has a kid

    public static string VersionOf(JsonElement bundle) => Kid(bundle).Split('/')[^1];

    public static byte[] Bytes(JsonElement element, string property) =>
        System.Buffers.Text.Base64Url.DecodeFromChars(element.GetProperty(property).GetString());

    public static string B64(ReadOnlySpan<byte> bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
