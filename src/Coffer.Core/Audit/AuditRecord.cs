namespace Coffer.Core.Audit;

/// <summary>
/// One audited request, with the fields of Key Vault's <c>AuditEvent</c> diagnostic log and the links of the
/// tamper-evident chain it belongs to. It never holds a secret value, key material, credential or token.
/// </summary>
/// <remarks>
/// <see cref="Time"/> has microsecond precision (<see cref="AuditChain.Seal"/> truncates it) because that is what
/// every store keeps, and the hash covers it. Stores must give back exactly what they were given.
/// </remarks>
public sealed record AuditRecord
{
    /// <summary>The chain (one per writing node) this record extends.</summary>
    public string ChainId { get; init; } = "";

    /// <summary>Position in the chain, from 1, without gaps.</summary>
    public long Sequence { get; init; }

    /// <summary>Lower-case hex SHA-256 of the chain's previous record (<see cref="AuditChain.GenesisHash"/> first).</summary>
    public string PreviousHash { get; init; } = "";

    /// <summary>Lower-case hex SHA-256 over <see cref="PreviousHash"/> and this record's canonical form.</summary>
    public string Hash { get; init; } = "";

    public required DateTimeOffset Time { get; init; }

    /// <summary>ARM id of what the request aimed at: the vault, or the subscription/tenant scope when there is none.</summary>
    public required string ResourceId { get; init; }

    /// <summary>The vault's name when the request was for one (filters on it); null otherwise.</summary>
    public string? VaultName { get; init; }

    /// <summary>Key Vault's ObjectVerb name (<c>SecretGet</c>, <c>VaultPut</c>) or a documented Coffer one.</summary>
    public required string OperationName { get; init; }

    /// <summary>The api-version the caller asked for, when it gave one.</summary>
    public string? OperationVersion { get; init; }

    public string Category { get; init; } = AuditCategory.AuditEvent;

    /// <summary><c>Success</c> below 400; otherwise the status name (<c>Unauthorized</c>, <c>Forbidden</c>, …).</summary>
    public required string ResultType { get; init; }

    /// <summary>The HTTP status name (<c>OK</c>, <c>Unauthorized</c>), as Key Vault writes it.</summary>
    public required string ResultSignature { get; init; }

    /// <summary>Extra text, such as the error code of a refused request; never a value.</summary>
    public string? ResultDescription { get; init; }

    public long DurationMs { get; init; }

    public string? CallerIpAddress { get; init; }

    /// <summary>The client's <c>x-ms-client-request-id</c>.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>Claims of the verified caller; null for anonymous or unverified calls.</summary>
    public AuditIdentity? Identity { get; init; }

    /// <summary><c>properties.clientInfo</c>: the user agent.</summary>
    public string? ClientInfo { get; init; }

    /// <summary><c>properties.requestUri</c>, with anything sensitive in the query removed.</summary>
    public required string RequestUri { get; init; }

    /// <summary><c>properties.httpStatusCode</c>.</summary>
    public required int HttpStatusCode { get; init; }

    /// <summary><c>properties.id</c>: the URI of the object the request was about, when there is one.</summary>
    public string? ObjectUri { get; init; }

    /// <summary>What granted or refused the request (<c>properties.isRbacAuthorized</c>).</summary>
    public AuditAuthorization Authorization { get; init; }
}
