using System.Collections.Concurrent;
using System.Security.Cryptography;
using Coffer.Core.Abstractions;
using Coffer.Core.Cluster;
using Coffer.Core.Crypto;
using Coffer.Core.KeyRing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coffer.Core.Identity;

/// <summary>
/// The RSA keys that sign Coffer's tokens. Private keys are wrapped by the root key at rest; loaded keys are
/// cached so token verification never touches the store. Each key has an activation time: the newest active key
/// signs, every loaded key verifies and is published, so a key published ahead of its activation is known to
/// verifiers before any token carries it. A key created or dropped on another node (its rotation, or its first start)
/// makes this ring read the store again, so a token signed there verifies here.
/// </summary>
public sealed class SigningKeyRing : IDisposable
{
    private readonly RootKey _rootKey;
    private readonly ISigningKeyStore _store;
    private readonly TimeProvider _time;
    private readonly IChangeFeed _feed;
    private readonly CoalescingReload _reload;
    private readonly ConcurrentDictionary<string, RSA> _byKeyId = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _rotating = new(1, 1);

    // By activation; replaced whole, so readers never see a half-made change.
    private volatile Entry[] _keys = [];

    public SigningKeyRing(RootKey rootKey, ISigningKeyStore store, TimeProvider time, IChangeFeed? feed = null, ILogger<SigningKeyRing>? logger = null)
    {
        _rootKey = rootKey;
        _store = store;
        _time = time;
        _feed = feed ?? new SingleNodeChangeFeed();
        _reload = new CoalescingReload("token signing keys", ReloadAsync, logger ?? (ILogger)NullLogger.Instance);
        _feed.Subscribe(ChangeKinds.SigningKeys, _ => _reload.Request());
    }

    /// <summary>The key that signs now: the newest one whose activation has come.</summary>
    public (string KeyId, RSA Key) Current
    {
        get
        {
            var keys = _keys;
            if (keys.Length == 0)
            {
                throw new InvalidOperationException("The signing key ring has not been loaded.");
            }

            var now = _time.GetUtcNow();
            for (var i = keys.Length - 1; i > 0; i--)
            {
                if (keys[i].Activates <= now)
                {
                    return (keys[i].KeyId, keys[i].Key);
                }
            }

            return (keys[0].KeyId, keys[0].Key);
        }
    }

    /// <summary>Loads every stored key; creates the first one (active at once) on a new deployment.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await _rotating.WaitAsync(cancellationToken);
        try
        {
            var stored = await _store.ListAsync(cancellationToken);
            if (stored.Count == 0)
            {
                var now = _time.GetUtcNow();
                await CreateKeyAsync(now, cancellationToken);
                stored = await _store.ListAsync(cancellationToken);
            }

            Apply(stored);
        }
        finally
        {
            _rotating.Release();
        }
    }

    /// <summary>
    /// One rotation step: re-reads the store (another node may have rotated), creates the next key
    /// <see cref="SigningKeyRotation.PrePublication"/> before the current one has signed for a whole period, and
    /// drops each retired key once <paramref name="retention"/> (the longest token lifetime plus clock skew) has
    /// passed since its successor took over.
    /// </summary>
    public async Task RotateAsync(SigningKeyRotation rotation, TimeSpan retention, CancellationToken cancellationToken)
    {
        await _rotating.WaitAsync(cancellationToken);
        try
        {
            var now = _time.GetUtcNow();
            var stored = await _store.ListAsync(cancellationToken);
            if (stored.Count == 0)
            {
                throw new InvalidOperationException("The signing keys are gone from the store.");
            }

            var newest = stored[^1];
            if (now >= newest.Activates + rotation.Period - rotation.PrePublication)
            {
                // After a long stop the planned time may be past: a new key is still published a full period ahead.
                var planned = newest.Activates + rotation.Period;
                var earliest = now + rotation.PrePublication;
                await CreateKeyAsync(planned > earliest ? planned : earliest, cancellationToken);
            }

            for (var i = 0; i < stored.Count - 1; i++)
            {
                var retired = stored[i + 1].Activates;
                if (retired <= now && retired + retention <= now)
                {
                    await _store.DeleteAsync(stored[i].KeyId, cancellationToken);
                    await _feed.PublishAsync(ChangeKinds.SigningKeys, stored[i].KeyId, CancellationToken.None);
                }
            }

            Apply(await _store.ListAsync(cancellationToken));
        }
        finally
        {
            _rotating.Release();
        }
    }

    /// <summary>Makes the ring what the store holds (another node created or dropped a key), creating nothing.</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await _rotating.WaitAsync(cancellationToken);
        try
        {
            var stored = await _store.ListAsync(cancellationToken);
            if (stored.Count > 0)
            {
                Apply(stored);
            }
        }
        finally
        {
            _rotating.Release();
        }
    }

    public bool TryGetVerificationKey(string keyId, out RSA key) => _byKeyId.TryGetValue(keyId, out key!);

    /// <summary>Public keys for JWKS: every key that may verify a token, including one published ahead of its activation.</summary>
    public IEnumerable<(string KeyId, RSAParameters PublicKey)> PublicKeys =>
        _keys.Select(entry => (entry.KeyId, entry.Key.ExportParameters(includePrivateParameters: false)));

    public void Dispose()
    {
        foreach (var key in _byKeyId.Values)
        {
            key.Dispose();
        }

        _rotating.Dispose();
    }

    private async Task CreateKeyAsync(DateTimeOffset activates, CancellationToken cancellationToken)
    {
        using var rsa = RSA.Create(2048);
        var pkcs8 = rsa.ExportPkcs8PrivateKey();
        try
        {
            var keyId = KeyIdOf(rsa);
            await _store.AddAsync(new StoredSigningKey(keyId, _rootKey.Wrap(pkcs8, Purpose(keyId)), _time.GetUtcNow(), activates), cancellationToken);
            await _feed.PublishAsync(ChangeKinds.SigningKeys, keyId, CancellationToken.None);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    /// <summary>Makes the ring what the store holds: unwraps new keys, forgets dropped ones.</summary>
    private void Apply(IReadOnlyList<StoredSigningKey> stored)
    {
        var entries = new Entry[stored.Count];
        for (var i = 0; i < stored.Count; i++)
        {
            var key = stored[i];
            if (!_byKeyId.TryGetValue(key.KeyId, out var rsa))
            {
                var pkcs8 = _rootKey.Unwrap(key.WrappedPrivateKey, Purpose(key.KeyId));
                rsa = RSA.Create();
                rsa.ImportPkcs8PrivateKey(pkcs8, out _);
                CryptographicOperations.ZeroMemory(pkcs8);
                _byKeyId[key.KeyId] = rsa;
            }

            entries[i] = new Entry(key.KeyId, key.Activates, rsa);
        }

        _keys = entries;
        foreach (var keyId in _byKeyId.Keys)
        {
            if (!stored.Any(k => k.KeyId == keyId))
            {
                // Not disposed: a verification running right now may still hold it; the GC reclaims it.
                _byKeyId.TryRemove(keyId, out _);
            }
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

    private sealed record Entry(string KeyId, DateTimeOffset Activates, RSA Key);
}
