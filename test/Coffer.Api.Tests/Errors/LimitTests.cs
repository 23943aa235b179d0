using System.Net;
using System.Text.Json.Nodes;
using Coffer.Api.Tests.TestSupport;

namespace Coffer.Api.Tests.Errors;

/// <summary>
/// Key Vault's limits on names (1-127 of letters, digits and dashes), values (25 KiB of UTF-8), tags (at most 15; names
/// 1-256 characters, values at most 256) and content types (at most 255 characters): just inside a limit is accepted,
/// past it is a 400 <c>BadParameter</c> error body and nothing is written, nor changed on an existing secret.
/// </summary>
public sealed class LimitTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const int MaxValueBytes = 25 * 1024;

    [Theory]
    [InlineData("under_score")]
    [InlineData("dot.name")]
    [InlineData("sp%20ace")]
    [InlineData("%C3%A9t%C3%A9")]
    public async Task Put_InvalidName_Returns400BadParameter(string name)
    {
        // Act
        using var response = await fixture.SendAsync(HttpMethod.Put, SecretCalls.Path(name), SecretCalls.SetBody("v"));

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadParameter");
    }

    [Fact]
    public async Task Put_Name128Chars_Returns400BadParameter()
    {
        // Arrange
        var name = new string('a', 128);

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Put, SecretCalls.Path(name), SecretCalls.SetBody("v"));

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadParameter");
    }

    [Fact]
    public async Task Put_Name127Chars_Returns200()
    {
        // Arrange
        var name = "n" + Guid.NewGuid().ToString("N") + new string('a', 127 - 33);

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Put, SecretCalls.Path(name), SecretCalls.SetBody("v"));

        // Assert
        await Wire.AssertJsonAsync(response);
    }

    [Theory]
    [InlineData("a", MaxValueBytes + 1)]
    [InlineData("é", (MaxValueBytes / 2) + 1)]
    public async Task Put_ValueOverLimit_Returns400AndNothingWritten(string unit, int count)
    {
        // Arrange
        var name = Names.Unique("big");
        var value = string.Concat(Enumerable.Repeat(unit, count));

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Put, SecretCalls.Path(name), SecretCalls.SetBody(value));

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadParameter");
        await fixture.AssertSecretAbsentAsync(name);
    }

    [Theory]
    [InlineData("a", MaxValueBytes)]
    [InlineData("é", MaxValueBytes / 2)]
    public async Task Put_ValueAtLimit_Returns200AndRoundTrips(string unit, int count)
    {
        // Arrange
        var name = Names.Unique("limit");
        var value = string.Concat(Enumerable.Repeat(unit, count));

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Put, SecretCalls.Path(name), SecretCalls.SetBody(value));

        // Assert
        await Wire.AssertJsonAsync(response);
        using var get = await fixture.SendAsync(HttpMethod.Get, SecretCalls.Path(name));
        Assert.Equal(value, (await Wire.AssertJsonAsync(get)).GetProperty("value").GetString());
    }

    [Fact]
    public async Task Put_16Tags_Returns400AndNothingWritten()
    {
        // Arrange
        var name = Names.Unique("tags");

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Put, SecretCalls.Path(name), SecretCalls.SetBody("v", tags: Tags(16)));

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadParameter");
        await fixture.AssertSecretAbsentAsync(name);
    }

    [Fact]
    public async Task Put_15Tags_Returns200()
    {
        // Act
        using var response = await fixture.SendAsync(HttpMethod.Put, SecretCalls.Path(Names.Unique("tags")), SecretCalls.SetBody("v", tags: Tags(15)));

        // Assert
        var body = await Wire.AssertJsonAsync(response);
        Assert.Equal(15, body.GetProperty("tags").EnumerateObject().Count());
    }

    [Theory]
    [InlineData(257, 1)]
    [InlineData(1, 257)]
    [InlineData(0, 1)]
    public async Task Put_TagTooLong_Returns400AndNothingWritten(int nameLength, int valueLength)
    {
        // Arrange
        var name = Names.Unique("tag");
        var tags = new JsonObject { [new string('k', nameLength)] = new string('v', valueLength) };

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Put, SecretCalls.Path(name), SecretCalls.SetBody("v", tags: tags));

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadParameter");
        await fixture.AssertSecretAbsentAsync(name);
    }

    [Fact]
    public async Task Put_ContentType256Chars_Returns400AndNothingWritten()
    {
        // Arrange
        var name = Names.Unique("ctype");

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Put, SecretCalls.Path(name), SecretCalls.SetBody("v", contentType: new string('c', 256)));

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadParameter");
        await fixture.AssertSecretAbsentAsync(name);
    }

    [Fact]
    public async Task Put_ContentType255Chars_Returns200()
    {
        // Arrange
        var contentType = new string('c', 255);

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Put, SecretCalls.Path(Names.Unique("ctype")), SecretCalls.SetBody("v", contentType: contentType));

        // Assert
        Assert.Equal(contentType, (await Wire.AssertJsonAsync(response)).GetProperty("contentType").GetString());
    }

    [Fact]
    public async Task Put_InvalidBodyOnExistingSecret_LeavesLatestVersionUnchanged()
    {
        // Arrange
        var name = Names.Unique("keep");
        var set = await fixture.SetSecretAsync(name, "kept");

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Put, SecretCalls.Path(name), SecretCalls.SetBody("v", tags: Tags(16)));

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadParameter");
        using var get = await fixture.SendAsync(HttpMethod.Get, SecretCalls.Path(name));
        var body = await Wire.AssertJsonAsync(get);
        Assert.Equal(set.GetProperty("id").GetString(), body.GetProperty("id").GetString());
        Assert.Equal("kept", body.GetProperty("value").GetString());
    }

    [Fact]
    public async Task Patch_InvalidBody_Returns400AndChangesNothing()
    {
        // Arrange
        var name = Names.Unique("patchbad");
        var set = await fixture.SetSecretAsync(name, "v", contentType: "before");

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Patch, SecretCalls.Path(name, "/"), $$"""{"contentType":"{{new string('c', 256)}}"}""");

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadParameter");
        using var get = await fixture.SendAsync(HttpMethod.Get, SecretCalls.Path(name));
        var body = await Wire.AssertJsonAsync(get);
        Assert.Equal("before", body.GetProperty("contentType").GetString());
        Assert.Equal(set.GetProperty("attributes").GetRawText(), body.GetProperty("attributes").GetRawText());
    }

    private static JsonObject Tags(int count)
    {
        var tags = new JsonObject();
        for (var i = 0; i < count; i++)
        {
            tags["tag" + i] = "value" + i;
        }

        return tags;
    }
}
