using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Coffer.Core.Crypto;

namespace Coffer.Benchmarks;

/// <summary>The AES-256-GCM envelope every stored value is sealed in: open is on every secret GET.</summary>
[MemoryDiagnoser]
public class EnvelopeBenchmarks
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(Envelope.KeySize);
    private readonly byte[] _aad = Encoding.UTF8.GetBytes("vault|secret|db-password|0123456789abcdef0123456789abcdef");
    private byte[] _plaintext = [];
    private byte[] _sealed = [];

    [Params(64, 4096)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _plaintext = RandomNumberGenerator.GetBytes(Size);
        _sealed = Envelope.Seal(_key, Guid.NewGuid(), _plaintext, _aad);
    }

    [Benchmark]
    public byte[] Open() => Envelope.Open(_key, _sealed, _aad);

    [Benchmark]
    public byte[] Seal() => Envelope.Seal(_key, Guid.Empty, _plaintext, _aad);
}
