namespace Coffer.Core.Keys;

/// <summary>
/// A <c>Notify</c> moment of a key's rotation policy, recorded once per key version for the events feature to publish
/// (as Key Vault publishes <c>Microsoft.KeyVault.KeyNearExpiry</c>).
/// </summary>
public sealed record KeyNotification(Guid VaultId, string Name, string Version, string Type, DateTimeOffset Due, DateTimeOffset? Expires, DateTimeOffset Recorded)
{
    public const string NearExpiry = "KeyNearExpiry";

    /// <summary>Store-assigned order; a publisher reads the notifications after the last one it handled.</summary>
    public long Sequence { get; init; }
}
