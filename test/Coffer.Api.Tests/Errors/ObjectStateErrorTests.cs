using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coffer.Api.Tests.TestSupport;

namespace Coffer.Api.Tests.Errors;

/// <summary>
/// Errors that depend on the secret's state rather than the request's shape, with Key Vault's codes: 404
/// <c>SecretNotFound</c> for an unknown name or version (or a soft-deleted secret's PATCH), 403 <c>SecretDisabled</c>
/// for a disabled one, 409 <c>ObjectIsDeletedButRecoverable</c> for a PUT to a soft-deleted name in any casing.
/// </summary>
public sealed class ObjectStateErrorTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Get_UnknownSecret_Returns404SecretNotFound()
    {
        // Arrange
        var name = Names.Unique("unknown");

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Get, SecretCalls.Path(name));

        // Assert
        var message = await Wire.AssertErrorAsync(response, HttpStatusCode.NotFound, "SecretNotFound");
        Assert.Contains(name, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/00000000000000000000000000000000")]
    [InlineData("/0123456789abcdef0123456789abcdef")]
    [InlineData("/not-a-version")]
    public async Task Get_UnknownVersion_Returns404SecretNotFound(string version)
    {
        // Arrange
        var name = Names.Unique("unknownversion");
        await fixture.SetSecretAsync(name, "v");

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Get, SecretCalls.Path(name, version));

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.NotFound, "SecretNotFound");
    }

    [Fact]
    public async Task Patch_UnknownSecret_Returns404SecretNotFound()
    {
        // Act
        using var response = await fixture.SendAsync(HttpMethod.Patch, SecretCalls.Path(Names.Unique("unknown"), "/"), "{}");

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.NotFound, "SecretNotFound");
    }

    [Fact]
    public async Task Patch_SoftDeletedSecret_Returns404()
    {
        // Arrange
        var name = Names.Unique("patchdeleted");
        await fixture.SetSecretAsync(name, "v");
        await fixture.DeleteSecretAsync(name);

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Patch, SecretCalls.Path(name, "/"), """{"contentType":"x"}""");

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.NotFound, "SecretNotFound");
    }

    [Fact]
    public async Task Get_DisabledSecret_Returns403SecretDisabled()
    {
        // Arrange
        var name = Names.Unique("disabled");
        var set = await fixture.SetSecretAsync(name, "v", attributes: new JsonObject { ["enabled"] = false });

        // Act
        using var latest = await fixture.SendAsync(HttpMethod.Get, SecretCalls.Path(name));
        using var byVersion = await fixture.SendAsync(HttpMethod.Get, SecretCalls.Path(name, "/" + SecretCalls.VersionOf(set)));

        // Assert
        Assert.Equal(JsonValueKind.False, set.GetProperty("attributes").GetProperty("enabled").ValueKind);
        await Wire.AssertErrorAsync(latest, HttpStatusCode.Forbidden, "Forbidden", "SecretDisabled");
        await Wire.AssertErrorAsync(byVersion, HttpStatusCode.Forbidden, "Forbidden", "SecretDisabled");
    }

    [Fact]
    public async Task Get_DisabledByPatch_Returns403SecretDisabled()
    {
        // Arrange
        var name = Names.Unique("disabledlater");
        await fixture.SetSecretAsync(name, "v");
        using var patch = await fixture.SendAsync(HttpMethod.Patch, SecretCalls.Path(name, "/"), """{"attributes":{"enabled":false}}""");
        await Wire.AssertJsonAsync(patch);

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Get, SecretCalls.Path(name));

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.Forbidden, "Forbidden", "SecretDisabled");
    }

    [Fact]
    public async Task Put_SoftDeletedName_Returns409ObjectIsDeletedButRecoverable()
    {
        // Arrange
        var name = Names.Unique("deletedname");
        await fixture.SetSecretAsync(name, "v");
        await fixture.DeleteSecretAsync(name);

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Put, SecretCalls.Path(name), SecretCalls.SetBody("new"));

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.Conflict, "Conflict", "ObjectIsDeletedButRecoverable");
    }

    [Fact]
    public async Task Put_SoftDeletedNameInOtherCase_Returns409ObjectIsDeletedButRecoverable()
    {
        // Arrange: names compare case-insensitively.
        var name = "Case-" + Guid.NewGuid().ToString("N");
        await fixture.SetSecretAsync(name, "v");
        await fixture.DeleteSecretAsync(name);

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Put, SecretCalls.Path(name.ToLowerInvariant()), SecretCalls.SetBody("new"));

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.Conflict, "Conflict", "ObjectIsDeletedButRecoverable");
    }
}
