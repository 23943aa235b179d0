using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts;

/// <summary>Wire <c>SecretBundle</c>; <see cref="DeletedSecretBundle"/> adds the deletion fields.</summary>
internal class SecretBundle
{
    [JsonPropertyName("value")]
    public string? Value { get; set; }

    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("contentType")]
    public string? ContentType { get; set; }

    [JsonPropertyName("attributes")]
    public SecretAttributes? Attributes { get; set; }

    [JsonPropertyName("tags")]
    public IReadOnlyDictionary<string, string>? Tags { get; set; }

    [JsonPropertyName("kid")]
    public string? Kid { get; set; }

    [JsonPropertyName("managed")]
    public bool? Managed { get; set; }
}
