using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts;

/// <summary>Wire <c>BackupSecretResult</c> and <c>SecretRestoreParameters</c>: one base64url blob.</summary>
internal sealed class BackupBlob
{
    [JsonPropertyName("value")]
    public string? Value { get; set; }
}
