using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Coffer.Api.Tests.TestSupport;

namespace Coffer.Api.Tests.Endpoints;

/// <summary>Paging of the secret lists (keyvault-rest-api.md §1.5): absolute next links that carry the caller's api-version.</summary>
public sealed class SecretListWireTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task List_SmallPages_FollowsNextLinksToNullAndSeesEverySecret()
    {
        // Arrange
        var prefix = "paged-" + Guid.NewGuid().ToString("N")[..8];
        var names = Enumerable.Range(0, 5).Select(i => $"{prefix}-{i}").ToList();
        foreach (var name in names)
        {
            await fixture.SetSecretAsync(name, "value-" + name);
        }

        var link = new Uri(fixture.VaultUri, "/secrets?api-version=7.4&maxresults=2").ToString();
        var seen = new List<string>();
        var pages = 0;

        // Act
        while (link is not null)
        {
            Assert.True(++pages < 100, "The next links do not end.");
            using var response = await fixture.SendAsync(fixture.Request(HttpMethod.Get, link));
            var raw = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            var body = await Wire.AssertJsonAsync(response);
            Assert.Equal(["nextLink", "value"], Wire.PropertyNames(body));
            Assert.InRange(body.GetProperty("value").GetArrayLength(), 0, 2);
            foreach (var item in body.GetProperty("value").EnumerateArray())
            {
                Assert.False(item.TryGetProperty("value", out _), "A list item carries a value.");
                var id = item.GetProperty("id").GetString()!; // every item has an id
                Assert.Matches($"^{Regex.Escape(fixture.VaultOrigin)}/secrets/[0-9A-Za-z-]+$", id);
                Assert.True(item.TryGetProperty("attributes", out _));
                seen.Add(id[(id.LastIndexOf('/') + 1)..]);
            }

            var next = body.GetProperty("nextLink");
            if (next.ValueKind == JsonValueKind.Null)
            {
                Assert.Contains("\"nextLink\":null", raw, StringComparison.Ordinal);
                link = null;
            }
            else
            {
                link = next.GetString()!; // not null here
                AssertNextLink(link, "/secrets", "7.4", 2);
            }
        }

        // Assert
        Assert.True(pages >= 3, $"Five secrets in pages of two took {pages} page(s).");
        Assert.Equal(seen.Count, seen.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Subset(seen.ToHashSet(), names.ToHashSet());
    }

    [Fact]
    public async Task List_LastPage_WritesNextLinkNullLiterally()
    {
        // Arrange
        await fixture.SetSecretAsync(Names.Unique("last"), "v");

        // Act: 25 per page; this class's server holds far fewer, so the one page is the last.
        using var response = await fixture.SendAsync(HttpMethod.Get, $"/secrets?api-version={ServerFixture.ApiVersion}&maxresults=25");

        // Assert
        var raw = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        await Wire.AssertJsonAsync(response);
        Assert.Contains("\"nextLink\":null", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListVersions_SmallPages_ReturnsVersionedIdsAndNextLinks()
    {
        // Arrange
        var name = Names.Unique("versions");
        var versions = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            versions.Add(SecretCalls.VersionOf(await fixture.SetSecretAsync(name, "v" + i)));
        }

        var link = new Uri(fixture.VaultUri, $"/secrets/{name}/versions?api-version=2025-07-01&maxresults=1").ToString();
        var seen = new List<string>();

        // Act
        while (link is not null)
        {
            Assert.True(seen.Count < 100, "The next links do not end.");
            using var response = await fixture.SendAsync(fixture.Request(HttpMethod.Get, link));
            var body = await Wire.AssertJsonAsync(response);
            foreach (var item in body.GetProperty("value").EnumerateArray())
            {
                Assert.False(item.TryGetProperty("value", out _), "A list item carries a value.");
                var id = item.GetProperty("id").GetString()!; // every item has an id
                Assert.Matches($"^{Regex.Escape(fixture.VaultOrigin)}/secrets/{name}/[0-9a-f]{{32}}$", id);
                seen.Add(id[(id.LastIndexOf('/') + 1)..]);
            }

            var next = body.GetProperty("nextLink");
            link = next.ValueKind == JsonValueKind.Null ? null : next.GetString();
            if (link is not null)
            {
                AssertNextLink(link, $"/secrets/{name}/versions", "2025-07-01", 1);
            }
        }

        // Assert
        Assert.Equal(versions.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("26")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("99999999999")]
    public async Task List_MaxResultsOutOfRange_Returns400BadParameter(string maxResults)
    {
        // Act
        using var response = await fixture.SendAsync(HttpMethod.Get, $"/secrets?api-version={ServerFixture.ApiVersion}&maxresults={maxResults}");

        // Assert
        var message = await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadParameter");
        Assert.Contains("maxresults", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/secrets")]
    [InlineData("/deletedsecrets")]
    [InlineData("/secrets/any/versions")]
    public async Task Lists_MaxResults26_Return400BadParameter(string path)
    {
        // Act
        using var response = await fixture.SendAsync(HttpMethod.Get, $"{path}?api-version={ServerFixture.ApiVersion}&maxresults=26");

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadParameter");
    }

    [Theory]
    [InlineData("not!base64")]
    [InlineData("Z2FyYmFnZQ")]
    [InlineData("czox")]
    [InlineData("__8")]
    public async Task List_BadSkipToken_Returns400BadParameter(string token)
    {
        // Act ("Z2FyYmFnZQ" is "garbage", "czox" is a versions cursor "s:1", "__8" is not UTF-8)
        using var response = await fixture.SendAsync(HttpMethod.Get, $"/secrets?api-version={ServerFixture.ApiVersion}&$skiptoken={token}");

        // Assert
        var message = await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadParameter");
        Assert.Contains("$skiptoken", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListVersions_NameCursorAsSkipToken_Returns400BadParameter()
    {
        // Arrange: "n:a" is a name cursor from /secrets, not a versions cursor.
        var token = Jwt.Base64UrlEncode(Encoding.UTF8.GetBytes("n:a"));

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Get, $"/secrets/any/versions?api-version={ServerFixture.ApiVersion}&$skiptoken={token}");

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadParameter");
    }

    private void AssertNextLink(string link, string path, string apiVersion, int maxResults)
    {
        Assert.True(Uri.TryCreate(link, UriKind.Absolute, out var uri), $"nextLink is not absolute: {link}");
        Assert.Equal("https", uri.Scheme);
        Assert.Equal($"dev.localhost:{fixture.Server.Port}", uri.Authority);
        Assert.Equal(path, uri.AbsolutePath);
        Assert.Contains($"api-version={apiVersion}", uri.Query, StringComparison.Ordinal);
        Assert.Matches(@"[?&]\$skiptoken=[^&]+", uri.Query);
        Assert.Contains($"maxresults={maxResults}", uri.Query, StringComparison.Ordinal);
    }
}
