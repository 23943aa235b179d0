using System.Collections.Concurrent;
using System.Security.Cryptography;
using Coffer.Core.Abstractions;
using Coffer.Core.Cluster;
using Coffer.Core.Crypto;

namespace Coffer.Core.KeyRing;

/// <summary>
/// Encrypts and decrypts object values with their vault's data key. Unwrapped data keys are cached,
/// so the hot path does no I/O once a vault has been used. A data key never changes once stored, so only which key is
/// a vault's newest can go stale: a new key (here or on another node) makes every node read the vault's keys again.
/// </summary>
public sealed class VaultKeyRing
{
    private readonly RootKey _rootKey;
    private readonly IDataKeyStore _store;
    private readonly TimeProvider _time;
    private readonly IChangeFeed _feed;
    private readonly ConcurrentDictionary<Guid, DataKey> _keysById = new();
    private readonly ConcurrentDictionary<Guid, DataKey> _activeByVault = new();

    public VaultKeyRing(RootKey rootKey, IDataKeyStore store, TimeProvider time, IChangeFeed? feed = null)
    {
        _rootKey = rootKey;
        _store = store;
        _time = time;
        _feed = feed ?? new SingleNodeChangeFeed();
        _feed.Subscribe(ChangeKinds.DataKeys, vault =>
        {
            if (vault is null)
            {
                _activeByVault.Clear();
            }
            else if (Guid.TryParse(vault, out var vaultId))
            {
                _activeByVault.TryRemove(vaultId, out _);
            }
        });
    }

    /// <summary>Creates the first data key of a new vault.</summary>
    public async Task<DataKey> CreateDataKeyAsync(Guid vaultId, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid();
        var key = RandomNumberGenerator.GetBytes(Envelope.KeySize);
        var wrapped = _rootKey.Wrap(key, WrapPurpose(vaultId, id));
        await _store.AddAsync(new WrappedDataKey(id, vaultId, wrapped, _time.GetUtcNow()), cancellationToken);
        var dataKey = new DataKey(id, vaultId, key);
        _keysById[id] = dataKey;
        _activeByVault[vaultId] = dataKey;
        await _feed.PublishAsync(ChangeKinds.DataKeys, vaultId.ToString("D"), CancellationToken.None);
        return dataKey;
    }

    public async ValueTask<byte[]> EncryptAsync(Guid vaultId, ObjectAad aad, ReadOnlyMemory<byte> plaintext, CancellationToken cancellationToken)
    {
        var key = _activeByVault.TryGetValue(vaultId, out var cached) ? cached : await LoadAsync(vaultId, null, cancellationToken);
        return key.Seal(plaintext.Span, aad.Bytes);
    }

    public async ValueTask<byte[]> DecryptAsync(Guid vaultId, ObjectAad aad, ReadOnlyMemory<byte> envelope, CancellationToken cancellationToken)
    {
        var keyId = Envelope.ReadKeyId(envelope.Span);
        var key = _keysById.TryGetValue(keyId, out var cached) ? cached : await LoadAsync(vaultId, keyId, cancellationToken);
        if (key.VaultId != vaultId)
        {
            throw new CryptographicException("The value was encrypted with another vault's key.");
        }

        return key.Open(envelope.Span, aad.Bytes);
    }

    private async Task<DataKey> LoadAsync(Guid vaultId, Guid? keyId, CancellationToken cancellationToken)
    {
        var wrappedKeys = await _store.GetForVaultAsync(vaultId, cancellationToken);
        if (wrappedKeys.Count == 0)
        {
            // Only an encryption may give a keyless vault its first key; nothing can have been encrypted before it.
            return keyId is null
                ? await CreateDataKeyAsync(vaultId, cancellationToken)
                : throw new CryptographicException($"Vault {vaultId} has no data keys, so nothing of it can be decrypted.");
        }

        DataKey? newest = null;
        DataKey? wanted = null;
        foreach (var wrapped in wrappedKeys.OrderBy(k => k.Created))
        {
            var key = _keysById.GetOrAdd(wrapped.Id, _ => new DataKey(wrapped.Id, vaultId, _rootKey.Unwrap(wrapped.Wrapped, WrapPurpose(vaultId, wrapped.Id))));
            newest = key;
            if (keyId == key.Id)
            {
                wanted = key;
            }
        }

        // Every vault has at least one key here, so newest is set.
        _activeByVault[vaultId] = newest!;
        return keyId is null ? newest! : wanted ?? throw new CryptographicException($"Data key {keyId} of vault {vaultId} is not in the key ring.");
    }

    private static string WrapPurpose(Guid vaultId, Guid keyId) =>
        string.Create(null, stackalloc char[96], $"coffer/data-key/{vaultId:N}/{keyId:N}");

}
