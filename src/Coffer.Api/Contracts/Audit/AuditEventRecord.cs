using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts.Audit;

/// <summary>
/// One record in the shape Azure Monitor ships Key Vault's <c>AuditEvent</c> category (storage account, Event Hub):
/// the same field names, <c>durationMs</c> as a string and the caller's claims under <c>identity.claim</c>, as
/// Azure writes them. <c>properties.auditChain</c> is Coffer's: it lets a SIEM check the hash chain too.
/// </summary>
internal sealed class AuditEventRecord
{
    [JsonPropertyName("time")]
    public required string Time { get; init; }

    [JsonPropertyName("resourceId")]
    public required string ResourceId { get; init; }

    [JsonPropertyName("operationName")]
    public required string OperationName { get; init; }

    [JsonPropertyName("operationVersion")]
    public string? OperationVersion { get; init; }

    [JsonPropertyName("category")]
    public required string Category { get; init; }

    [JsonPropertyName("resultType")]
    public required string ResultType { get; init; }

    [JsonPropertyName("resultSignature")]
    public required string ResultSignature { get; init; }

    [JsonPropertyName("resultDescription")]
    public string? ResultDescription { get; init; }

    [JsonPropertyName("durationMs")]
    public required string DurationMs { get; init; }

    [JsonPropertyName("callerIpAddress")]
    public string? CallerIpAddress { get; init; }

    [JsonPropertyName("correlationId")]
    public string? CorrelationId { get; init; }

    [JsonPropertyName("identity")]
    public AuditEventIdentity? Identity { get; init; }

    [JsonPropertyName("properties")]
    public required AuditEventProperties Properties { get; init; }
}
