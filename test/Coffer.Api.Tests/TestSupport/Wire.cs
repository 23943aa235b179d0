using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Coffer.Testing;

namespace Coffer.Api.Tests.TestSupport;

/// <summary>Assertions on the raw wire: status, headers, JSON property names and types.</summary>
internal static class Wire
{
    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>Asserts a success status and an <c>application/json</c> body, and returns it.</summary>
    public static async Task<JsonElement> AssertJsonAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        AssertJsonContentType(response);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static void AssertJsonContentType(HttpResponseMessage response) =>
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);

    /// <summary>
    /// Asserts Key Vault's error body <c>{"error":{"code","message"[,"innererror":{"code"}]}}</c> with the given status and
    /// codes (and no other members); returns the message.
    /// </summary>
    public static async Task<string> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code, string? innerCode = null)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == status, $"Expected {(int)status} {code}, got {(int)response.StatusCode}: {text}");
        AssertJsonContentType(response);
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        Assert.Equal(["error"], PropertyNames(root));
        var error = root.GetProperty("error");
        Assert.Equal(innerCode is null ? ["code", "message"] : ["code", "innererror", "message"], PropertyNames(error));
        Assert.Equal(code, error.GetProperty("code").GetString());
        var message = error.GetProperty("message").GetString();
        Assert.False(string.IsNullOrWhiteSpace(message));
        if (innerCode is not null)
        {
            var inner = error.GetProperty("innererror");
            Assert.Equal(innerCode, inner.GetProperty("code").GetString());
        }

        return message!; // checked above
    }

    /// <summary>
    /// Asserts Key Vault's bearer challenge: 401, code Unauthorized, and exactly one header
    /// <c>Bearer authorization="https://localhost:{port}/{tenant}", resource="https://localhost:{port}"</c>. Returns the tenant.
    /// </summary>
    public static async Task<Guid> AssertChallengeAsync(HttpResponseMessage response, CofferServer server)
    {
        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "Unauthorized");
        Assert.True(response.Headers.NonValidated.TryGetValues("WWW-Authenticate", out var values), "The 401 has no WWW-Authenticate header.");
        var header = Assert.Single(values);
        var origin = Regex.Escape($"https://localhost:{server.Port}");
        var match = Regex.Match(header, $"^Bearer authorization=\"{origin}/(?<tenant>[^\"/]+)\", resource=\"{origin}\"$");
        Assert.True(match.Success, $"Unexpected challenge: {header}");
        Assert.True(Guid.TryParseExact(match.Groups["tenant"].Value, "D", out var tenant), $"The tenant is not a GUID: {header}");
        Assert.Equal(match.Groups["tenant"].Value.ToLowerInvariant(), match.Groups["tenant"].Value);
        return tenant;
    }

    public static string[] PropertyNames(JsonElement element) =>
        element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();

    /// <summary>An IntDate: a JSON integer (never a float or a string) of Unix seconds.</summary>
    public static long AssertUnixSeconds(JsonElement element)
    {
        Assert.Equal(JsonValueKind.Number, element.ValueKind);
        Assert.Matches("^[0-9]+$", element.GetRawText());
        return element.GetInt64();
    }
}
