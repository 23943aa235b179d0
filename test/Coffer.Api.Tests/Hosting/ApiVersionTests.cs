using System.Net;
using Coffer.Api.Tests.TestSupport;

namespace Coffer.Api.Tests.Hosting;

/// <summary>api-version (keyvault-rest-api.md §1.2): required, any plausible value accepted, garbage refused with 400.</summary>
public sealed class ApiVersionTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Get_MissingApiVersion_Returns400BadParameter()
    {
        // Act
        using var response = await fixture.SendAsync(HttpMethod.Get, "/secrets/anything");

        // Assert
        var message = await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadParameter");
        Assert.Contains("api-version", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("7")]
    [InlineData("2025-13")]
    [InlineData("7.")]
    [InlineData(".7")]
    [InlineData("7.4-preview.")]
    [InlineData("7.4-beta")]
    [InlineData("2025/07/01")]
    [InlineData("2025-07-01x")]
    public async Task Get_GarbageApiVersion_Returns400BadParameter(string apiVersion)
    {
        // Act
        using var response = await fixture.SendAsync(HttpMethod.Get, $"/secrets?api-version={Uri.EscapeDataString(apiVersion)}");

        // Assert
        var message = await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadParameter");
        Assert.Contains("api-version", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("7.0")]
    [InlineData("7.3")]
    [InlineData("7.4")]
    [InlineData("7.5")]
    [InlineData("7.6")]
    [InlineData("7.6-preview.2")]
    [InlineData("2016-10-01")]
    [InlineData("2025-07-01")]
    [InlineData("2025-06-01-preview")]
    [InlineData("2026-04-01")]
    public async Task SetAndGet_AcceptedApiVersion_Return200(string apiVersion)
    {
        // Arrange
        var name = Names.Unique("version");

        // Act
        using var put = await fixture.SendAsync(HttpMethod.Put, SecretCalls.Path(name, apiVersion: apiVersion), SecretCalls.SetBody(apiVersion));
        using var get = await fixture.SendAsync(HttpMethod.Get, SecretCalls.Path(name, "/", apiVersion));

        // Assert
        await Wire.AssertJsonAsync(put);
        Assert.Equal(apiVersion, (await Wire.AssertJsonAsync(get)).GetProperty("value").GetString());
    }
}
