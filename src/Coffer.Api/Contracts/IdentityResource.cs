using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts;

/// <summary>
/// Wire <c>Identity</c> of Microsoft.ManagedIdentity (2023-01-31): a user-assigned identity as ARM returns it.
/// Named <c>IdentityResource</c> here because <c>Identity</c> is a Coffer.Core namespace.
/// </summary>
internal sealed class IdentityResource
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("location")]
    public required string Location { get; init; }

    [JsonPropertyName("tags")]
    public required IReadOnlyDictionary<string, string> Tags { get; init; }

    [JsonPropertyName("properties")]
    public required UserAssignedIdentityProperties Properties { get; init; }
}
