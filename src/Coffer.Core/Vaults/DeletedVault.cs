namespace Coffer.Core.Vaults;

/// <summary>
/// A soft-deleted vault: the vault as it was (its data key and objects are kept), when it was deleted, and when the
/// purge job removes it for good. Its name stays reserved until then.
/// </summary>
public sealed record DeletedVault(Vault Vault, DateTimeOffset Deleted, DateTimeOffset ScheduledPurge);
