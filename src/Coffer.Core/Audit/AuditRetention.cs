namespace Coffer.Core.Audit;

/// <summary>How long audit records are kept; the retention job deletes older ones from each chain's old end.</summary>
public sealed record AuditRetention(TimeSpan Period);
