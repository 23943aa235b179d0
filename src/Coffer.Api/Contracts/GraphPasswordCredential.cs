using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts;

/// <summary>
/// Microsoft Graph's <c>passwordCredential</c>. <see cref="SecretText"/> is written only in the answer to
/// <c>addPassword</c>, the one time the secret is shown.
/// </summary>
internal sealed class GraphPasswordCredential
{
    [JsonPropertyName("keyId")]
    public required string KeyId { get; init; }

    [JsonPropertyName("secretText")]
    public string? SecretText { get; init; }

    [JsonPropertyName("hint")]
    public required string Hint { get; init; }

    [JsonPropertyName("displayName")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? DisplayName { get; init; }

    [JsonPropertyName("startDateTime")]
    [JsonConverter(typeof(GraphDateTimeConverter))]
    public required DateTimeOffset StartDateTime { get; init; }

    [JsonPropertyName("endDateTime")]
    [JsonConverter(typeof(GraphDateTimeConverter))]
    public required DateTimeOffset EndDateTime { get; init; }
}
