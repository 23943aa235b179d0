namespace Coffer.Core.Audit;

/// <summary>
/// A filter over audit records. Every filter given must match (lists match any of their entries); text compares
/// case-insensitively. <see cref="Since"/> is inclusive and <see cref="Until"/> exclusive.
/// </summary>
public sealed record AuditQuery
{
    public const int MaxPageSize = 1000;

    public string? VaultName { get; init; }

    public IReadOnlyList<string> OperationNames { get; init; } = [];

    /// <summary><see cref="AuditRecord.ResultType"/> values such as <c>Success</c> or <c>Forbidden</c>.</summary>
    public IReadOnlyList<string> ResultTypes { get; init; } = [];

    public IReadOnlyList<int> HttpStatusCodes { get; init; } = [];

    /// <summary>Matches the caller's object id or application id.</summary>
    public string? CallerId { get; init; }

    public DateTimeOffset? Since { get; init; }

    public DateTimeOffset? Until { get; init; }

    /// <summary>Only records past this position in arrival order: in a chain it lists, a greater sequence; any record of another chain.</summary>
    public ChainSequences? After { get; init; }

    public AuditOrder Order { get; init; } = AuditOrder.NewestFirst;

    /// <summary>At most this many records per page (1 to <see cref="MaxPageSize"/>).</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>The <see cref="Paging.Page{T}.NextToken"/> of the previous page, from the same store and query.</summary>
    public string? Continuation { get; init; }
}
