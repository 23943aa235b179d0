using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts.Keys;

/// <summary>Wire <c>GetRandomBytesRequest</c> (<c>POST /rng</c>).</summary>
internal sealed class GetRandomBytesRequest
{
    [JsonPropertyName("count")]
    public int? Count { get; set; }
}
