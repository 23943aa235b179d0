using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts.Audit;

/// <summary><c>properties</c> of an <see cref="AuditEventRecord"/>.</summary>
internal sealed class AuditEventProperties
{
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("clientInfo")]
    public string? ClientInfo { get; init; }

    [JsonPropertyName("requestUri")]
    public required string RequestUri { get; init; }

    [JsonPropertyName("httpStatusCode")]
    public required int HttpStatusCode { get; init; }

    /// <summary>True when role assignments decided, false when access policies did; absent when neither ran.</summary>
    [JsonPropertyName("isRbacAuthorized")]
    public bool? IsRbacAuthorized { get; init; }

    [JsonPropertyName("auditChain")]
    public required AuditEventChain AuditChain { get; init; }
}
