using System.Collections.Concurrent;
using System.Security.Cryptography;
using Coffer.Core.Abstractions;
using Coffer.Core.Crypto;
using Coffer.Core.KeyRing;

namespace Coffer.Core.Identity;

/// <summary>
/// The RSA keys that sign Coffer's tokens. Private keys are wrapped by the root key at rest; loaded keys are
/// cached so token verification never touches the store.
/// </summary>
public sealed class SigningKeyRing : IDisposable
{
    private readonly RootKey _rootKey;
    private readonly ISigningKeyStore _store;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, RSA> _byKeyId = new(StringComparer.Ordinal);
    private (string KeyId, RSA Key)? _current;

    public SigningKeyRing(RootKey rootKey, ISigningKeyStore store, TimeProvider time)
    {
        _rootKey = rootKey;
        _store = store;
        _time = time;
    }

    public (string KeyId, RSA Key) Current => _current ?? throw new InvalidOperationException("The signing key ring has not been loaded.");

    /// <summary>Loads every stored key; creates the first one on a new deployment.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var stored = await _store.ListAsync(cancellationToken);
        if (stored.Count == 0)
        {
            using var rsa = RSA.Create(2048);
            var pkcs8 = rsa.ExportPkcs8PrivateKey();
            try
            {
                var keyId = KeyIdOf(rsa);
                var key = new StoredSigningKey(keyId, _rootKey.Wrap(pkcs8, Purpose(keyId)), _time.GetUtcNow());
                await _store.AddAsync(key, cancellationToken);
                stored = [key];
            }
            finally
            {
                CryptographicOperations.ZeroMemory(pkcs8);
            }
        }

        foreach (var key in stored)
        {
            var pkcs8 = _rootKey.Unwrap(key.WrappedPrivateKey, Purpose(key.KeyId));
            var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(pkcs8, out _);
            CryptographicOperations.ZeroMemory(pkcs8);
            _byKeyId[key.KeyId] = rsa;
            _current = (key.KeyId, rsa);
        }
    }

    public bool TryGetVerificationKey(string keyId, out RSA key) => _byKeyId.TryGetValue(keyId, out key!);

    /// <summary>Public keys for JWKS.</summary>
    public IEnumerable<(string KeyId, RSAParameters PublicKey)> PublicKeys =>
        _byKeyId.Select(pair => (pair.Key, pair.Value.ExportParameters(includePrivateParameters: false)));

    public void Dispose()
    {
        foreach (var key in _byKeyId.Values)
        {
            key.Dispose();
        }
    }

    private static string Purpose(string keyId) => "coffer/signing-key/" + keyId;

    /// <summary>RFC 7638 thumbprint of the public key, base64url: stable and derived, never chosen.</summary>
    private static string KeyIdOf(RSA rsa)
    {
        var p = rsa.ExportParameters(false);
        var json = $"{{\"e\":\"{Base64Url.Encode(p.Exponent!)}\",\"kty\":\"RSA\",\"n\":\"{Base64Url.Encode(p.Modulus!)}\"}}";
        return Base64Url.Encode(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json)));
    }
}
