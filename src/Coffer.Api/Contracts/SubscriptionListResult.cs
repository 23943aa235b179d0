using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts;

/// <summary>ARM's <c>SubscriptionListResult</c>: <c>{"value":[…]}</c> with no <c>nextLink</c> on the last page.</summary>
internal sealed class SubscriptionListResult
{
    [JsonPropertyName("value")]
    public required IReadOnlyList<Subscription> Value { get; init; }
}
