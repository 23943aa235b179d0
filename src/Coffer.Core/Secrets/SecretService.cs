using System.Text;
using Coffer.Core.Abstractions;
using Coffer.Core.Caching;
using Coffer.Core.Cluster;
using Coffer.Core.Errors;
using Coffer.Core.KeyRing;
using Coffer.Core.Paging;
using Coffer.Core.Vaults;
using Microsoft.Extensions.Logging;

namespace Coffer.Core.Secrets;

/// <summary>
/// Key Vault's secret operations: validation, encryption of values with the vault's data key, versions,
/// soft delete and backup. Callers have already authenticated and authorized the request.
/// </summary>
public sealed partial class SecretService
{
    internal const string Kind = "secret";
    private readonly CachingSecretStore _store;
    private readonly VaultKeyRing _keyRing;
    private readonly BackupProtector _backup;
    private readonly TimeProvider _time;
    private readonly ILogger<SecretService> _logger;

    /// <summary>Puts the secret cache in front of <paramref name="store"/>; <paramref name="feed"/> keeps it coherent across nodes.</summary>
    public SecretService(ISecretStore store, VaultKeyRing keyRing, BackupProtector backup, TimeProvider time, ILogger<SecretService> logger, IChangeFeed? feed = null)
    {
        _store = new CachingSecretStore(store, new StoredVersionCache<SecretVersion>(CachingSecretStore.WeightOf), feed ?? new SingleNodeChangeFeed());
        _keyRing = keyRing;
        _backup = backup;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// The hot path: the stored (sealed) version from the cache or one indexed read, then AES-GCM with a cached data key.
    /// Enabled is checked and the value opened on every call, cached or not.
    /// </summary>
    public async ValueTask<(SecretVersion Secret, string Value)> GetAsync(Vault vault, string name, string? version, CancellationToken cancellationToken)
    {
        SecretName.Validate(name);
        var nameKey = SecretName.Key(name);
        var versionKey = NormalizeVersion(version);
        var secret = await _store.GetAsync(vault.Id, nameKey, versionKey, cancellationToken)
            ?? throw (versionKey is null ? CofferErrors.SecretNotFound(name) : CofferErrors.SecretVersionNotFound(name, version!));
        if (!secret.Enabled)
        {
            throw CofferErrors.SecretDisabled();
        }

        var plaintext = await _keyRing.DecryptAsync(vault.Id, ObjectAad.For(vault.Id, Kind, nameKey, secret.Version), secret.Ciphertext, cancellationToken);
        return (secret, Encoding.UTF8.GetString(plaintext));
    }

    public async Task<SecretVersion> SetAsync(Vault vault, string name, string value, SecretAttributes attributes, CancellationToken cancellationToken)
    {
        SecretName.Validate(name);
        SecretLimits.ValidateValue(value);
        SecretLimits.ValidateContentType(attributes.ContentType);
        SecretLimits.ValidateTags(attributes.Tags);

        var nameKey = SecretName.Key(name);
        var version = Guid.NewGuid().ToString("N");
        var now = Now();
        var ciphertext = await _keyRing.EncryptAsync(vault.Id, ObjectAad.For(vault.Id, Kind, nameKey, version), Encoding.UTF8.GetBytes(value), cancellationToken);
        var record = new SecretVersion(vault.Id, name, version, now, now, attributes.Enabled ?? true, attributes.NotBefore, attributes.Expires,
            attributes.ContentType, attributes.Tags, ciphertext);

        var stored = await _store.AddVersionAsync(record, cancellationToken) ?? throw CofferErrors.SecretDeletedButRecoverable(name);
        Log.SecretVersionCreated(_logger, vault.Name, stored.Name, version);
        return stored;
    }

    public async Task<SecretVersion> UpdateAsync(Vault vault, string name, string? version, SecretAttributes changes, CancellationToken cancellationToken)
    {
        SecretName.Validate(name);
        SecretLimits.ValidateContentType(changes.ContentType);
        SecretLimits.ValidateTags(changes.Tags);
        var versionKey = NormalizeVersion(version);
        return await _store.UpdateAsync(vault.Id, SecretName.Key(name), versionKey, changes, Now(), cancellationToken)
            ?? throw (versionKey is null ? CofferErrors.SecretNotFound(name) : CofferErrors.SecretVersionNotFound(name, version!));
    }

    public async Task<Page<SecretVersion>> ListAsync(Vault vault, string? skipToken, int? maxResults, CancellationToken cancellationToken)
    {
        var size = PageCursor.ValidatePageSize(maxResults);
        var items = await _store.ListAsync(vault.Id, PageCursor.ToName(skipToken), size + 1, cancellationToken);
        return ToPage(items, size, last => PageCursor.FromName(last.NameKey));
    }

    public async Task<Page<SecretVersion>> ListVersionsAsync(Vault vault, string name, string? skipToken, int? maxResults, CancellationToken cancellationToken)
    {
        SecretName.Validate(name);
        var size = PageCursor.ValidatePageSize(maxResults);
        var items = await _store.ListVersionsAsync(vault.Id, SecretName.Key(name), PageCursor.ToSequence(skipToken), size + 1, cancellationToken);
        return ToPage(items, size, last => PageCursor.FromSequence(last.Sequence));
    }

    internal static Page<T> ToPage<T>(IReadOnlyList<T> items, int size, Func<T, string> cursorOf) =>
        items.Count > size
            ? new Page<T>(items.Take(size).ToList(), cursorOf(items[size - 1]))
            : new Page<T>(items, null);

    /// <summary>Versions are 32 lower-case hex digits; anything else cannot name a version.</summary>
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
