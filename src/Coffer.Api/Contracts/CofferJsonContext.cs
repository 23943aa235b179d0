using System.Text.Json.Serialization;

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
[JsonSerializable(typeof(KeyVaultError))]
[JsonSerializable(typeof(ManagedIdentityToken))]
[JsonSerializable(typeof(OAuthError))]
internal sealed partial class CofferJsonContext : JsonSerializerContext;
