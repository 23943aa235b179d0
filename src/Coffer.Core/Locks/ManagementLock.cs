namespace Coffer.Core.Locks;

/// <summary>
/// A management lock (<c>Microsoft.Authorization/locks</c>) at a scope: the subscription, a resource group or a
/// vault. It guards that scope and everything beneath it on the management API; the data plane ignores it, as in
/// Azure. <see cref="Scope"/> is canonical (<see cref="Authorization.ResourceScope.Path"/>).
/// </summary>
public sealed record ManagementLock(string Scope, string Name, LockLevel Level)
{
    public string? Notes { get; init; }

    /// <summary>The application ids ARM lists as the lock's <c>owners</c>.</summary>
    public IReadOnlyList<string> Owners { get; init; } = [];

    /// <summary>Value equality, owners included (a record alone would compare the list's reference).</summary>
    public bool Equals(ManagementLock? other) =>
        other is not null && string.Equals(Scope, other.Scope, StringComparison.OrdinalIgnoreCase) && string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase)
        && Level == other.Level && Notes == other.Notes && Owners.SequenceEqual(other.Owners);

    public override int GetHashCode() => HashCode.Combine(Scope.ToUpperInvariant(), Name.ToUpperInvariant(), Level);
}
