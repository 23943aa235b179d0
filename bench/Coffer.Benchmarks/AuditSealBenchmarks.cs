using System.Buffers;
using BenchmarkDotNet.Attributes;
using Coffer.Core.Audit;

namespace Coffer.Benchmarks;

/// <summary>
/// The audit writer's own work per record, on its one thread between two flushes: sealing the record onto the chain
/// (its canonical form, SHA-256, the hex hash) and writing its canonical form again into the journal's frame.
/// </summary>
[MemoryDiagnoser]
public class AuditSealBenchmarks
{
    private readonly ArrayBufferWriter<byte> _frame = new(1024);
    private AuditRecord _record = null!;
    private AuditRecord _sealed = null!;
    private AuditChainHead _head = null!;

    [GlobalSetup]
    public void Setup()
    {
        _record = AuditRecords.SecretGet();
        _head = new AuditChainHead("local", 41, AuditChain.GenesisHash);
        _sealed = AuditChain.Seal(_record, "local", _head);
    }

    [Benchmark]
    public AuditRecord Seal() => AuditChain.Seal(_record, "local", _head);

    [Benchmark]
    public int CanonicalForm()
    {
        _frame.ResetWrittenCount();
        AuditRecordFormat.Write(_sealed, _frame);
        return _frame.WrittenCount;
    }
}
