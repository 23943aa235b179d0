using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts;

/// <summary>ARM's <c>Subscription</c> (Microsoft.Resources/subscriptions, api-version 2022-12-01), the fields clients read.</summary>
internal sealed class Subscription
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("subscriptionId")]
    public required string SubscriptionId { get; init; }

    [JsonPropertyName("tenantId")]
    public required string TenantId { get; init; }

    [JsonPropertyName("displayName")]
    public required string DisplayName { get; init; }

    [JsonPropertyName("state")]
    public required string State { get; init; }

    [JsonPropertyName("authorizationSource")]
    public string AuthorizationSource { get; init; } = "RoleBased";
}
