using System.Security.Cryptography;
using Coffer.Core.Errors;
using Coffer.Core.KeyRing;
using Coffer.Core.Paging;
using Coffer.Core.Secrets;
using Coffer.Core.Vaults;

namespace Coffer.Core.Keys;

/// <summary>Soft delete, recovery, purge, backup and restore.</summary>
public sealed partial class KeyService
{
    public async Task<DeletedKey> DeleteAsync(Vault vault, string name, CancellationToken cancellationToken)
    {
        KeyName.Validate(name);
        var now = Now();
        var deleted = await _store.DeleteAsync(vault.Id, KeyName.Key(name), now, now.AddDays(vault.RetentionDays), cancellationToken)
            ?? throw KeyErrors.KeyNotFound(name);
        _opened.Evict(vault.Id, KeyName.Key(name));
        Log.KeyDeleted(_logger, vault.Name, deleted.Latest.Name);
        return deleted;
    }

    public async Task<DeletedKey> GetDeletedAsync(Vault vault, string name, CancellationToken cancellationToken)
    {
        KeyName.Validate(name);
        return await _store.GetDeletedAsync(vault.Id, KeyName.Key(name), cancellationToken) ?? throw KeyErrors.DeletedKeyNotFound(name);
    }

    public async Task<Page<DeletedKey>> ListDeletedAsync(Vault vault, string? skipToken, int? maxResults, CancellationToken cancellationToken)
    {
        var size = PageCursor.ValidatePageSize(maxResults);
        var items = await _store.ListDeletedAsync(vault.Id, PageCursor.ToName(skipToken), size + 1, cancellationToken);
        return SecretService.ToPage(items, size, last => PageCursor.FromName(last.Latest.NameKey));
    }

    public async Task<KeyVersion> RecoverAsync(Vault vault, string name, CancellationToken cancellationToken)
    {
        KeyName.Validate(name);
        var recovered = await _store.RecoverAsync(vault.Id, KeyName.Key(name), cancellationToken) ?? throw KeyErrors.DeletedKeyNotFound(name);
        Log.KeyRecovered(_logger, vault.Name, recovered.Name);
        return recovered;
    }

    public async Task PurgeAsync(Vault vault, string name, CancellationToken cancellationToken)
    {
        KeyName.Validate(name);
        if (vault.PurgeProtection)
        {
            throw KeyErrors.PurgeProtected(name);
        }

        if (!await _store.PurgeAsync(vault.Id, KeyName.Key(name), cancellationToken))
        {
            throw KeyErrors.DeletedKeyNotFound(name);
        }

        _opened.Evict(vault.Id, KeyName.Key(name));
        Log.KeyPurged(_logger, vault.Name, name);
    }

    /// <summary>Purges every deleted key whose retention has ended (run by a background job).</summary>
    public Task<int> PurgeDueAsync(CancellationToken cancellationToken) => _store.PurgeDueAsync(_time.GetUtcNow(), cancellationToken);

    public async Task<byte[]> BackupAsync(Vault vault, string name, CancellationToken cancellationToken)
    {
        KeyName.Validate(name);
        var nameKey = KeyName.Key(name);
        var versions = await _store.GetAllVersionsAsync(vault.Id, nameKey, cancellationToken);
        if (versions.Count == 0)
        {
            throw KeyErrors.KeyNotFound(name);
        }

        var policy = await _store.GetRotationPolicyAsync(vault.Id, nameKey, cancellationToken);
        var withMaterial = new List<(KeyVersion, byte[])>(versions.Count);
        try
        {
            foreach (var version in versions)
            {
                var material = await _keyRing.DecryptAsync(vault.Id, ObjectAad.For(vault.Id, Kind, nameKey, version.Version), version.SealedMaterial, cancellationToken);
                withMaterial.Add((version, material));
            }

            return _backup.Protect(Kind, KeyBackupFormat.Write(versions[0].Name, policy, withMaterial));
        }
        finally
        {
            foreach (var (_, material) in withMaterial)
            {
                CryptographicOperations.ZeroMemory(material);
            }
        }
    }

    public async Task<KeyVersion> RestoreAsync(Vault vault, byte[] blob, CancellationToken cancellationToken)
    {
        var plaintext = _backup.Unprotect(Kind, blob);
        string name;
        KeyRotationPolicy? policy;
        List<(KeyVersion Version, byte[] Material)> versions;
        try
        {
            (name, policy, versions) = KeyBackupFormat.Read(plaintext, vault.Id);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or IOException or ArgumentException)
        {
            throw CofferErrors.BadParameter("The parameter 'value' is not a valid key backup.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }

        var nameKey = KeyName.Key(name);
        var restored = new List<KeyVersion>(versions.Count);
        foreach (var (version, material) in versions)
        {
            var sealedMaterial = await _keyRing.EncryptAsync(vault.Id, ObjectAad.For(vault.Id, Kind, nameKey, version.Version), material, cancellationToken);
            CryptographicOperations.ZeroMemory(material);
            restored.Add(version with { SealedMaterial = sealedMaterial });
        }

        if (!await _store.RestoreAsync(restored, policy, cancellationToken))
        {
            throw KeyErrors.KeyAlreadyExists(name);
        }

        Log.KeyRestored(_logger, vault.Name, name, restored.Count);
        return await _store.GetAsync(vault.Id, nameKey, null, cancellationToken) ?? restored[^1];
    }
}
