using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Coffer.Api.Contracts.Keys;

namespace Coffer.Api.Contracts;

/// <summary>Source-generated serializers for every wire contract; no reflection, no naming policy.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SecretBundle))]
[JsonSerializable(typeof(DeletedSecretBundle))]
[JsonSerializable(typeof(ListResult<SecretItem>))]
[JsonSerializable(typeof(ListResult<DeletedSecretItem>))]
[JsonSerializable(typeof(SecretSetParameters))]
[JsonSerializable(typeof(SecretUpdateParameters))]
[JsonSerializable(typeof(BackupBlob))]
[JsonSerializable(typeof(KeyBundle))]
[JsonSerializable(typeof(DeletedKeyBundle))]
[JsonSerializable(typeof(ListResult<KeyItem>))]
[JsonSerializable(typeof(ListResult<DeletedKeyItem>))]
[JsonSerializable(typeof(KeyCreateParameters))]
[JsonSerializable(typeof(KeyImportParameters))]
[JsonSerializable(typeof(KeyUpdateParameters))]
[JsonSerializable(typeof(KeyOperationsParameters))]
[JsonSerializable(typeof(KeyOperationResult))]
[JsonSerializable(typeof(KeySignParameters))]
[JsonSerializable(typeof(KeyVerifyParameters))]
[JsonSerializable(typeof(KeyVerifyResult))]
[JsonSerializable(typeof(KeyReleaseParameters))]
[JsonSerializable(typeof(KeyRotationPolicy))]
[JsonSerializable(typeof(GetRandomBytesRequest))]
[JsonSerializable(typeof(RandomBytes))]
[JsonSerializable(typeof(KeyVaultError))]
[JsonSerializable(typeof(ManagedIdentityToken))]
[JsonSerializable(typeof(OAuthError))]
[JsonSerializable(typeof(IdentityResource))]
[JsonSerializable(typeof(ListResult<IdentityResource>))]
[JsonSerializable(typeof(IdentityParameters))]
[JsonSerializable(typeof(IdentityCredentialParameters))]
[JsonSerializable(typeof(IdentityCredential))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(EntraError))]
[JsonSerializable(typeof(OpenIdConfiguration))]
[JsonSerializable(typeof(JsonWebKeySet))]
[JsonSerializable(typeof(WebFingerResponse))]
[JsonSerializable(typeof(GraphServicePrincipal))]
[JsonSerializable(typeof(GraphCollection<GraphServicePrincipal>))]
[JsonSerializable(typeof(GraphPasswordCredential))]
[JsonSerializable(typeof(ServicePrincipalCreateParameters))]
[JsonSerializable(typeof(AddPasswordParameters))]
[JsonSerializable(typeof(RemovePasswordParameters))]
[JsonSerializable(typeof(SubscriptionListResult))]
internal sealed partial class CofferJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context every endpoint uses. Responses are <c>application/json</c>, never embedded in HTML, so characters
    /// such as <c>+</c> and <c>'</c> are written as they are (as Key Vault writes <c>Recoverable+Purgeable</c>).
    /// </summary>
    public static CofferJsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
