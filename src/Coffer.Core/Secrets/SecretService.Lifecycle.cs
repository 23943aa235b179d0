using Coffer.Core.Errors;
using Coffer.Core.KeyRing;
using Coffer.Core.Paging;
using Coffer.Core.Vaults;

namespace Coffer.Core.Secrets;

/// <summary>Soft delete, recovery, purge, backup and restore.</summary>
public sealed partial class SecretService
{
    public async Task<DeletedSecret> DeleteAsync(Vault vault, string name, CancellationToken cancellationToken)
    {
        SecretName.Validate(name);
        var now = Now();
        var deleted = await _store.DeleteAsync(vault.Id, SecretName.Key(name), now, now.AddDays(vault.RetentionDays), cancellationToken)
            ?? throw CofferErrors.SecretNotFound(name);
        Log.SecretDeleted(_logger, vault.Name, deleted.Latest.Name);
        return deleted;
    }

    public async Task<DeletedSecret> GetDeletedAsync(Vault vault, string name, CancellationToken cancellationToken)
    {
        SecretName.Validate(name);
        return await _store.GetDeletedAsync(vault.Id, SecretName.Key(name), cancellationToken) ?? throw CofferErrors.DeletedSecretNotFound(name);
    }

    public async Task<Page<DeletedSecret>> ListDeletedAsync(Vault vault, string? skipToken, int? maxResults, CancellationToken cancellationToken)
    {
        var size = PageCursor.ValidatePageSize(maxResults);
        var items = await _store.ListDeletedAsync(vault.Id, PageCursor.ToName(skipToken), size + 1, cancellationToken);
        return ToPage(items, size, last => PageCursor.FromName(last.Latest.NameKey));
    }

    public async Task<SecretVersion> RecoverAsync(Vault vault, string name, CancellationToken cancellationToken)
    {
        SecretName.Validate(name);
        var recovered = await _store.RecoverAsync(vault.Id, SecretName.Key(name), cancellationToken) ?? throw CofferErrors.DeletedSecretNotFound(name);
        Log.SecretRecovered(_logger, vault.Name, recovered.Name);
        return recovered;
    }

    public async Task PurgeAsync(Vault vault, string name, CancellationToken cancellationToken)
    {
        SecretName.Validate(name);
        if (vault.PurgeProtection)
        {
            throw CofferErrors.PurgeProtected();
        }

        if (!await _store.PurgeAsync(vault.Id, SecretName.Key(name), cancellationToken))
        {
            throw CofferErrors.DeletedSecretNotFound(name);
        }

        Log.SecretPurged(_logger, vault.Name, name);
    }

    /// <summary>Purges every deleted secret whose retention has ended (run by a background job).</summary>
    public Task<int> PurgeDueAsync(CancellationToken cancellationToken) => _store.PurgeDueAsync(_time.GetUtcNow(), cancellationToken);

    public async Task<byte[]> BackupAsync(Vault vault, string name, CancellationToken cancellationToken)
    {
        SecretName.Validate(name);
        var nameKey = SecretName.Key(name);
        var versions = await _store.GetAllVersionsAsync(vault.Id, nameKey, cancellationToken);
        if (versions.Count == 0)
        {
            throw CofferErrors.SecretNotFound(name);
        }

        var withValues = new List<(SecretVersion, byte[])>(versions.Count);
        foreach (var version in versions)
        {
            var value = await _keyRing.DecryptAsync(vault.Id, ObjectAad.For(vault.Id, Kind, nameKey, version.Version), version.Ciphertext, cancellationToken);
            withValues.Add((version, value));
        }

        return _backup.Protect(Kind, SecretBackupFormat.Write(versions[0].Name, withValues));
    }

    public async Task<SecretVersion> RestoreAsync(Vault vault, byte[] blob, CancellationToken cancellationToken)
    {
        var plaintext = _backup.Unprotect(Kind, blob);
        string name;
        List<(SecretVersion Version, byte[] Value)> versions;
        try
        {
            (name, versions) = SecretBackupFormat.Read(plaintext, vault.Id);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or IOException or ArgumentException)
        {
            throw CofferErrors.BadParameter("The parameter 'value' is not a valid secret backup.");
        }

        var nameKey = SecretName.Key(name);
        var restored = new List<SecretVersion>(versions.Count);
        foreach (var (version, value) in versions)
        {
            var ciphertext = await _keyRing.EncryptAsync(vault.Id, ObjectAad.For(vault.Id, Kind, nameKey, version.Version), value, cancellationToken);
            restored.Add(version with { Ciphertext = ciphertext });
        }

        if (!await _store.RestoreAsync(restored, cancellationToken))
        {
            throw CofferErrors.SecretAlreadyExists(name);
        }

        Log.SecretRestored(_logger, vault.Name, name, restored.Count);
        return await _store.GetAsync(vault.Id, nameKey, null, cancellationToken) ?? restored[^1];
    }
}
