using Coffer.Core.Audit;

namespace Coffer.Core.Abstractions;

/// <summary>
/// Receives every batch once it is durable in the <see cref="IAuditStore"/> (a file to ship to a SIEM, alert rules).
/// A sink that fails is logged and does not refuse requests: the store is the record, sinks are copies.
/// </summary>
public interface IAuditSink
{
    ValueTask WriteAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken);
}
