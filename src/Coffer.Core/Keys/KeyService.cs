using System.Security.Cryptography;
using Coffer.Core.Abstractions;
using Coffer.Core.Caching;
using Coffer.Core.Cluster;
using Coffer.Core.Errors;
using Coffer.Core.KeyRing;
using Coffer.Core.Keys.Cryptography;
using Coffer.Core.Paging;
using Coffer.Core.Secrets;
using Coffer.Core.Vaults;
using Microsoft.Extensions.Logging;

namespace Coffer.Core.Keys;

/// <summary>
/// Key Vault's key operations: generation and import, versions, soft delete, backup, rotation and the cryptographic
/// operations. Private material is sealed with the vault's data key and unsealed only for an operation that needs it.
/// Callers have already authenticated and authorized the request.
/// </summary>
public sealed partial class KeyService
{
    internal const string Kind = "key";
    private readonly CachingKeyStore _store;
    private readonly VaultKeyRing _keyRing;
    private readonly BackupProtector _backup;
    private readonly OpenedKeyCache _opened;
    private readonly TimeProvider _time;
    private readonly ILogger<KeyService> _logger;

    /// <summary>Puts the key version cache in front of <paramref name="store"/>; <paramref name="feed"/> keeps it coherent across nodes.</summary>
    public KeyService(IKeyStore store, VaultKeyRing keyRing, BackupProtector backup, OpenedKeyCache opened, TimeProvider time, ILogger<KeyService> logger, IChangeFeed? feed = null)
    {
        _store = new CachingKeyStore(store, new StoredVersionCache<KeyVersion>(CachingKeyStore.WeightOf), feed ?? new SingleNodeChangeFeed());
        _keyRing = keyRing;
        _backup = backup;
        _opened = opened;
        _time = time;
        _logger = logger;
    }

    public async Task<KeyVersion> CreateAsync(Vault vault, string name, KeyCreateRequest request, CancellationToken cancellationToken)
    {
        KeyName.Validate(name);
        var keyType = KeyTypeRules.Canonical(request.KeyType);
        var operations = KeyTypeRules.ValidateOperations(request.Properties.KeyOps, keyType);
        SecretLimits.ValidateTags(request.Properties.Tags);
        using var material = KeyGenerator.Generate(keyType, request.KeySize, request.Curve, request.PublicExponent);
        var stored = await AddAsync(vault.Id, name, keyType, operations, request.Properties, material, ifLatest: null, cancellationToken)
            ?? throw KeyErrors.KeyDeletedButRecoverable(name);
        Log.KeyVersionCreated(_logger, vault.Name, stored.Name, stored.Version);
        return stored;
    }

    /// <summary>Imports a JWK with its private parts; <paramref name="hsm"/> asks for the <c>-HSM</c> twin of the JWK's type.</summary>
    public async Task<KeyVersion> ImportAsync(Vault vault, string name, JsonWebKeyParts jwk, bool hsm, KeyChanges properties, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jwk);
        KeyName.Validate(name);
        var keyType = KeyTypeRules.Canonical(jwk.Kty);
        if (hsm && !keyType.EndsWith("-HSM", StringComparison.Ordinal))
        {
            keyType += "-HSM";
        }

        var operations = KeyTypeRules.ValidateOperations(properties.KeyOps, keyType);
        SecretLimits.ValidateTags(properties.Tags);
        using var material = JwkImport.FromJwk(jwk with { Kty = KeyTypeRules.Base(keyType) });
        var stored = await AddAsync(vault.Id, name, keyType, operations, properties, material, ifLatest: null, cancellationToken)
            ?? throw KeyErrors.KeyDeletedButRecoverable(name);
        Log.KeyImported(_logger, vault.Name, stored.Name, stored.Version);
        return stored;
    }

    /// <summary>A key's public view (a GET never unseals material). Disabled keys are readable, as in Key Vault.</summary>
    public async ValueTask<KeyVersion> GetAsync(Vault vault, string name, string? version, CancellationToken cancellationToken)
    {
        KeyName.Validate(name);
        var versionKey = NormalizeVersion(version);
        return await _store.GetAsync(vault.Id, KeyName.Key(name), versionKey, cancellationToken)
            ?? throw (versionKey is null ? KeyErrors.KeyNotFound(name) : KeyErrors.KeyVersionNotFound(name, version!));
    }

    public async Task<KeyVersion> UpdateAsync(Vault vault, string name, string? version, KeyChanges changes, CancellationToken cancellationToken)
    {
        KeyName.Validate(name);
        SecretLimits.ValidateTags(changes.Tags);
        var versionKey = NormalizeVersion(version);
        if (changes.KeyOps is not null)
        {
            // The canonical names need the key's type only for defaults, which an explicit list never uses.
            changes = changes with { KeyOps = KeyTypeRules.ValidateOperations(changes.KeyOps, "RSA") };
        }

        return await _store.UpdateAsync(vault.Id, KeyName.Key(name), versionKey, changes, Now(), cancellationToken)
            ?? throw (versionKey is null ? KeyErrors.KeyNotFound(name) : KeyErrors.KeyVersionNotFound(name, version!));
    }

    public async Task<Page<KeyVersion>> ListAsync(Vault vault, string? skipToken, int? maxResults, CancellationToken cancellationToken)
    {
        var size = PageCursor.ValidatePageSize(maxResults);
        var items = await _store.ListAsync(vault.Id, PageCursor.ToName(skipToken), size + 1, cancellationToken);
        return SecretService.ToPage(items, size, last => PageCursor.FromName(last.NameKey));
    }

    public async Task<Page<KeyVersion>> ListVersionsAsync(Vault vault, string name, string? skipToken, int? maxResults, CancellationToken cancellationToken)
    {
        KeyName.Validate(name);
        var size = PageCursor.ValidatePageSize(maxResults);
        var items = await _store.ListVersionsAsync(vault.Id, KeyName.Key(name), PageCursor.ToSequence(skipToken), size + 1, cancellationToken);
        return SecretService.ToPage(items, size, last => PageCursor.FromSequence(last.Sequence));
    }

    /// <summary>Seals new material and stores it as the key's latest version; null when the name is deleted or, with <paramref name="ifLatest"/>, no longer at that version.</summary>
    private async Task<KeyVersion?> AddAsync(
        Guid vaultId, string name, string keyType, IReadOnlyList<string> operations, KeyChanges properties, KeyMaterial material, string? ifLatest, CancellationToken cancellationToken)
    {
        var nameKey = KeyName.Key(name);
        var version = Guid.NewGuid().ToString("N");
        var now = Now();
        var exported = material.Export();
        byte[] sealedMaterial;
        try
        {
            sealedMaterial = await _keyRing.EncryptAsync(vaultId, ObjectAad.For(vaultId, Kind, nameKey, version), exported, cancellationToken);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(exported);
        }

        var parts = material.PublicParts();
        var record = new KeyVersion(vaultId, name, version, keyType, material.KeySize, operations, now, now, properties.Enabled ?? true,
            properties.NotBefore, properties.Expires, properties.Tags, parts, sealedMaterial);
        return await _store.AddVersionAsync(record, ifLatest, cancellationToken);
    }

    /// <summary>Versions are 32 hex digits; anything else cannot name a version.</summary>
    private static string? NormalizeVersion(string? version)
    {
        if (string.IsNullOrEmpty(version))
        {
            return null;
        }

        return version.Length == 32 && version.All(char.IsAsciiHexDigit) ? version.ToLowerInvariant() : "invalid";
    }

    private DateTimeOffset Now() => DateTimeOffset.FromUnixTimeSeconds(_time.GetUtcNow().ToUnixTimeSeconds());
}
