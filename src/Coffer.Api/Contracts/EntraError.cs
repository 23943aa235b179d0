using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts;

/// <summary>
/// The token service's error, in Entra's shape:
/// <c>{"error","error_description","error_codes":[…],"timestamp","trace_id","correlation_id"}</c>.
/// </summary>
internal sealed class EntraError
{
    [JsonPropertyName("error")]
    public required string Error { get; init; }

    [JsonPropertyName("error_description")]
    public required string Description { get; init; }

    [JsonPropertyName("error_codes")]
    public required IReadOnlyList<int> ErrorCodes { get; init; }

    [JsonPropertyName("timestamp")]
    public required string Timestamp { get; init; }

    [JsonPropertyName("trace_id")]
    public required string TraceId { get; init; }

    [JsonPropertyName("correlation_id")]
    public required string CorrelationId { get; init; }
}
