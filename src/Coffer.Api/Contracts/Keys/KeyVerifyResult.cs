using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts.Keys;

/// <summary>Wire <c>KeyVerifyResult</c>.</summary>
internal sealed class KeyVerifyResult
{
    [JsonPropertyName("value")]
    public bool Value { get; set; }
}
