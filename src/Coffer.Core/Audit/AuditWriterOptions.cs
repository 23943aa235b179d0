namespace Coffer.Core.Audit;

/// <summary>Settings of this node's <see cref="AuditWriter"/>.</summary>
public sealed class AuditWriterOptions
{
    /// <summary>This node's chain; two writers must never share one (a single SQLite node uses <c>local</c>).</summary>
    public string ChainId { get; init; } = "local";
}
