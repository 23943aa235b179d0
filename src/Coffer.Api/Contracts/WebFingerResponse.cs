using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts;

/// <summary>A WebFinger answer (RFC 7033), as MSAL.NET's ADFS authority validation reads it.</summary>
internal sealed class WebFingerResponse
{
    [JsonPropertyName("subject")]
    public required string Subject { get; init; }

    [JsonPropertyName("links")]
    public required IReadOnlyList<WebFingerLink> Links { get; init; }
}

internal sealed class WebFingerLink
{
    [JsonPropertyName("rel")]
    public required string Rel { get; init; }

    [JsonPropertyName("href")]
    public required string Href { get; init; }
}
