using System.Net;
using System.Security.Cryptography;
using Coffer.Api.Tests.TestSupport;

namespace Coffer.Api.Tests.Authorization;

/// <summary>
/// Key operations under the built-in roles and under access policies, over HTTPS with real tokens: Crypto User signs but
/// cannot create, Crypto Officer creates, Secrets Officer cannot touch keys, an assignment at one key covers only it.
/// </summary>
public sealed class KeyRoleTests(KeyAccessFixture fixture) : IClassFixture<KeyAccessFixture>
{
    private static readonly string Digest = KeyCalls.B64(SHA256.HashData("payload"u8));

    [Theory]
    [InlineData("crypto-user", "sign", true)]
    [InlineData("crypto-user", "create", false)]
    [InlineData("crypto-user", "rotationpolicy", false)]
    [InlineData("crypto-officer", "sign", true)]
    [InlineData("crypto-officer", "create", true)]
    [InlineData("crypto-officer", "rotationpolicy", true)]
    [InlineData("secrets-officer", "get", false)]
    [InlineData("secrets-officer", "create", false)]
    [InlineData("secrets-officer", "sign", false)]
    [InlineData("encryption-user", "wrapkey", true)]
    [InlineData("encryption-user", "sign", false)]
    [InlineData("reader", "get", true)]
    [InlineData("reader", "sign", false)]
    [InlineData("key-scoped-user", "sign", true)]
    [InlineData("key-scoped-user", "sign-elsewhere", false)]
    [InlineData("key-scoped-user", "list", false)]
    public async Task Operation_Role_AllowedOnlyByItsDataActions(string caller, string operation, bool allowed)
    {
        // Arrange
        var (method, path, body, action) = Call(operation);
        using var request = fixture.RequestAs(fixture.TokenOf(caller), method, path, body);

        // Act
        using var response = await fixture.SendAsync(request);

        // Assert
        if (allowed)
        {
            await Wire.AssertJsonAsync(response);
            return;
        }

        var message = await Wire.AssertErrorAsync(response, HttpStatusCode.Forbidden, "Forbidden", "ForbiddenByRbac");
        Assert.Contains($"Action: '{action}'", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccessPolicy_GetAndSign_SignsButCannotCreate()
    {
        // Arrange
        var token = fixture.TokenOf("policy-signer");
        using var admin = fixture.Request(HttpMethod.Post, "/keys/signing/create?api-version=7.6", """{"kty":"EC"}""", fixture.PolicyVaultUri);

        // Act: the dev identity is not in the policy vault's access policies either.
        using var adminResponse = await fixture.SendAsync(admin);
        using var create = fixture.RequestAs(token, HttpMethod.Post, "/keys/signing/create?api-version=7.6", """{"kty":"EC"}""", fixture.PolicyVaultUri);
        using var createResponse = await fixture.SendAsync(create);

        // Assert
        await Wire.AssertErrorAsync(adminResponse, HttpStatusCode.Forbidden, "Forbidden", "AccessDenied");
        var message = await Wire.AssertErrorAsync(createResponse, HttpStatusCode.Forbidden, "Forbidden", "AccessDenied");
        Assert.Contains("does not have keys create permission", message, StringComparison.Ordinal);
    }

    private static (HttpMethod Method, string Path, string? Body, string Action) Call(string operation) => operation switch
    {
        "sign" => (HttpMethod.Post, $"/keys/{KeyAccessFixture.Target}//sign?api-version=7.6", $$"""{"alg":"RS256","value":"{{Digest}}"}""", "Microsoft.KeyVault/vaults/keys/sign/action"),
        "sign-elsewhere" => (HttpMethod.Post, "/keys/elsewhere//sign?api-version=7.6", $$"""{"alg":"RS256","value":"{{Digest}}"}""", "Microsoft.KeyVault/vaults/keys/sign/action"),
        "wrapkey" => (HttpMethod.Post, $"/keys/{KeyAccessFixture.Target}//wrapkey?api-version=7.6", $$"""{"alg":"RSA-OAEP-256","value":"{{Digest}}"}""", "Microsoft.KeyVault/vaults/keys/wrap/action"),
        "create" => (HttpMethod.Post, $"/keys/{Names.Unique("new")}/create?api-version=7.6", """{"kty":"EC"}""", "Microsoft.KeyVault/vaults/keys/create/action"),
        "get" => (HttpMethod.Get, $"/keys/{KeyAccessFixture.Target}/?api-version=7.6", null, "Microsoft.KeyVault/vaults/keys/read"),
        "list" => (HttpMethod.Get, "/keys?api-version=7.6", null, "Microsoft.KeyVault/vaults/keys/read"),
        "rotationpolicy" => (HttpMethod.Put, $"/keys/{KeyAccessFixture.Target}/rotationpolicy?api-version=7.6", """{"lifetimeActions":[]}""", "Microsoft.KeyVault/vaults/keyrotationpolicies/write"),
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
    };
}
