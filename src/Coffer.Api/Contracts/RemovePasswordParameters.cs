using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts;

/// <summary>The body of <c>POST /v1.0/servicePrincipals/{id}/removePassword</c>: <c>{"keyId":"…"}</c>.</summary>
internal sealed class RemovePasswordParameters
{
    [JsonPropertyName("keyId")]
    public string? KeyId { get; init; }
}
