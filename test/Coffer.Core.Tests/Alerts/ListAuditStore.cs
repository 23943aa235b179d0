using System.Globalization;
using Coffer.Core.Abstractions;
using Coffer.Core.Audit;
using Coffer.Core.Paging;

namespace Coffer.Core.Tests.Alerts;

/// <summary>
/// An <see cref="IAuditStore"/> over a list, for the evaluator's tests: <see cref="QueryAsync"/> filters as the
/// contract says and pages by offset; the chain operations are not needed here.
/// </summary>
internal sealed class ListAuditStore : IAuditStore
{
    private readonly List<AuditRecord> _records = [];

    public int Queries { get; private set; }

    public void Add(params AuditRecord[] records) => _records.AddRange(records);

    public Task<Page<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        Queries++;
        var matching = _records.Where(r =>
            (query.VaultName is null || string.Equals(query.VaultName, r.VaultName, StringComparison.OrdinalIgnoreCase))
            && (query.OperationNames.Count == 0 || query.OperationNames.Contains(r.OperationName, StringComparer.OrdinalIgnoreCase))
            && (query.ResultTypes.Count == 0 || query.ResultTypes.Contains(r.ResultType, StringComparer.OrdinalIgnoreCase))
            && (query.CallerId is null || string.Equals(query.CallerId, r.Identity?.ObjectId, StringComparison.OrdinalIgnoreCase) || string.Equals(query.CallerId, r.Identity?.ApplicationId, StringComparison.OrdinalIgnoreCase))
            && (query.Since is null || r.Time >= query.Since)
            && (query.Until is null || r.Time < query.Until)
            && (query.After is null || !query.After.Includes(r)));
        var ordered = query.Order == AuditOrder.NewestFirst
            ? matching.OrderByDescending(r => r.Time).ThenByDescending(r => r.ChainId, StringComparer.Ordinal).ThenByDescending(r => r.Sequence)
            : matching.OrderBy(r => r.Time).ThenBy(r => r.ChainId, StringComparer.Ordinal).ThenBy(r => r.Sequence);
        var offset = query.Continuation is null ? 0 : int.Parse(query.Continuation, CultureInfo.InvariantCulture);
        var page = ordered.Skip(offset).Take(query.PageSize + 1).ToList();
        var next = page.Count > query.PageSize ? (offset + query.PageSize).ToString(CultureInfo.InvariantCulture) : null;
        return Task.FromResult(new Page<AuditRecord>([.. page.Take(query.PageSize)], next));
    }

    public Task AppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<AuditChainHead?> GetHeadAsync(string chainId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<AuditChainHead>> ListChainsAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public IAsyncEnumerable<AuditRecord> ReadChainAsync(string chainId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => throw new NotSupportedException();
}
