using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts;

/// <summary>Wire <c>SecretItem</c> (no value); <see cref="DeletedSecretItem"/> adds the deletion fields.</summary>
internal class SecretItem
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("attributes")]
    public SecretAttributes? Attributes { get; set; }

    [JsonPropertyName("tags")]
    public IReadOnlyDictionary<string, string>? Tags { get; set; }

    [JsonPropertyName("contentType")]
    public string? ContentType { get; set; }

    [JsonPropertyName("managed")]
    public bool? Managed { get; set; }
}
