namespace Coffer.Core.KeyRing;

/// <summary>A vault's data-encryption key, unwrapped, as held in memory.</summary>
public sealed record DataKey(Guid Id, Guid VaultId, byte[] Key);
