using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts;

/// <summary>
/// Wire <c>SecretListResult</c> / <c>DeletedSecretListResult</c>: a page and the absolute link to the next one.
/// <c>nextLink</c> is written as <c>null</c> on the last page, as Key Vault does.
/// </summary>
internal sealed class ListResult<T>
{
    [JsonPropertyName("value")]
    public required IReadOnlyList<T> Value { get; init; }

    [JsonPropertyName("nextLink")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? NextLink { get; init; }
}
