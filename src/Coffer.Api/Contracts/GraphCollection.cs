using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts;

/// <summary>Graph's collection response, <c>{"value":[…]}</c>.</summary>
internal sealed class GraphCollection<T>
{
    [JsonPropertyName("value")]
    public required IReadOnlyList<T> Value { get; init; }
}
