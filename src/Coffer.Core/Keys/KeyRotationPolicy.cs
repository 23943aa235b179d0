namespace Coffer.Core.Keys;

/// <summary>
/// A key's rotation policy: its lifetime actions and the <c>expiryTime</c> given to versions the policy creates.
/// <see cref="Created"/> and <see cref="Updated"/> are null for the default policy of a key that never had one set.
/// </summary>
public sealed record KeyRotationPolicy(IReadOnlyList<LifetimeAction> LifetimeActions, string? ExpiryTime, DateTimeOffset? Created, DateTimeOffset? Updated)
{
    /// <summary>What Key Vault reports for a key without a policy: notify 30 days before expiry.</summary>
    public static KeyRotationPolicy Default { get; } = new([new LifetimeAction(LifetimeAction.Notify, null, "P30D")], null, null, null);
}
