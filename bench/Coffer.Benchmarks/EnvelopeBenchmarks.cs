using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Coffer.Core.Crypto;
using Coffer.Core.KeyRing;

namespace Coffer.Benchmarks;

/// <summary>The AES-256-GCM envelope every stored value is sealed in: open is on every secret GET. Open and Seal
/// open a context on the key each time; OpenWithDataKey uses the one the data key keeps.</summary>
[MemoryDiagnoser]
public class EnvelopeBenchmarks
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(Envelope.KeySize);
    private readonly byte[] _aad = Encoding.UTF8.GetBytes("vault|secret|db-password|0123456789abcdef0123456789abcdef");
    private byte[] _plaintext = [];
    private byte[] _sealed = [];
    private DataKey _dataKey = null!;

    [Params(64, 4096)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _plaintext = RandomNumberGenerator.GetBytes(Size);
        _sealed = Envelope.Seal(_key, Guid.NewGuid(), _plaintext, _aad);
        _dataKey = new DataKey(Guid.NewGuid(), Guid.NewGuid(), _key);
    }

    [Benchmark]
    public byte[] Open() => Envelope.Open(_key, _sealed, _aad);

    /// <summary>What a secret GET does: open with the context the vault's data key keeps.</summary>
    [Benchmark]
    public byte[] OpenWithDataKey() => _dataKey.Open(_sealed, _aad);

    [Benchmark]
    public byte[] Seal() => Envelope.Seal(_key, Guid.Empty, _plaintext, _aad);
}
