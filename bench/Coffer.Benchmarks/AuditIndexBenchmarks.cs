using BenchmarkDotNet.Attributes;
using Coffer.Core.Audit;
using Coffer.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coffer.Benchmarks;

/// <summary>
/// Copying audit records into <c>audit.db</c>, where queries find them: the server does this for every request, in
/// the background, about 2,000 records per transaction under load. Reported per record.
/// </summary>
[MemoryDiagnoser]
public class AuditIndexBenchmarks
{
    private const int BatchSize = 1_000;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"coffer-bench-audit-{Guid.NewGuid():N}");
    private readonly AuditRecord[] _batch = new AuditRecord[BatchSize];
    private SqliteAuditStore _store = null!;
    private AuditRecord _template = null!;
    private long _sequence;

    [GlobalSetup]
    public void Setup()
    {
        Directory.CreateDirectory(_directory);
        var options = new SqliteStorageOptions { DatabasePath = Path.Combine(_directory, "audit.db"), Migrations = SqliteAuditSchema.Migrations };
        _store = new SqliteAuditStore(new SqliteDatabase(options, NullLogger<SqliteDatabase>.Instance));
        _template = AuditChain.Seal(AuditRecords.SecretGet(), "local", null);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [IterationSetup]
    public void NextBatch()
    {
        for (var i = 0; i < BatchSize; i++)
        {
            _batch[i] = _template with { Sequence = ++_sequence };
        }
    }

    [Benchmark(OperationsPerInvoke = BatchSize)]
    public Task IndexBatch() => _store.AppendAsync(_batch, CancellationToken.None);
}
