using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts.Audit;

/// <summary>Where a record sits in Coffer's tamper-evident chain (<c>properties.auditChain</c>).</summary>
internal sealed class AuditEventChain
{
    [JsonPropertyName("chainId")]
    public required string ChainId { get; init; }

    [JsonPropertyName("sequence")]
    public required long Sequence { get; init; }

    [JsonPropertyName("previousHash")]
    public required string PreviousHash { get; init; }

    [JsonPropertyName("hash")]
    public required string Hash { get; init; }
}
