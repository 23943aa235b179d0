namespace Coffer.Core.Authorization;

/// <summary>
/// ARM's <c>accessPolicies/{add|replace|remove}</c> on a vault's list. An entry is one (tenant, object, application);
/// <c>add</c> unions the given permissions into it, <c>replace</c> sets them, <c>remove</c> takes them away and drops
/// the entry when nothing is left.
/// </summary>
public static class AccessPolicyUpdate
{
    public static readonly IReadOnlyList<string> Kinds = ["add", "replace", "remove"];

    public static IReadOnlyList<AccessPolicy> Apply(IReadOnlyList<AccessPolicy> current, string kind, IReadOnlyList<AccessPolicy> changes)
    {
        var result = current.ToList();
        foreach (var change in changes)
        {
            var index = result.FindIndex(p => p.TenantId == change.TenantId && p.ObjectId == change.ObjectId && p.ApplicationId == change.ApplicationId);
            var existing = index >= 0 ? result[index].Permissions : AccessPolicyPermissions.None;
            var permissions = kind.ToUpperInvariant() switch
            {
                "ADD" => Combine(existing, change.Permissions, (a, b) => a.Union(b, StringComparer.OrdinalIgnoreCase)),
                "REPLACE" => change.Permissions,
                _ => Combine(existing, change.Permissions, (a, b) => a.Except(b, StringComparer.OrdinalIgnoreCase)),
            };
            var empty = permissions.Keys.Count + permissions.Secrets.Count + permissions.Certificates.Count + permissions.Storage.Count == 0;
            var updated = change with { Permissions = permissions };
            if (index >= 0 && empty && kind.Equals("remove", StringComparison.OrdinalIgnoreCase))
            {
                result.RemoveAt(index);
            }
            else if (index >= 0)
            {
                result[index] = updated;
            }
            else if (!kind.Equals("remove", StringComparison.OrdinalIgnoreCase))
            {
                result.Add(updated);
            }
        }

        return result;
    }

    private static AccessPolicyPermissions Combine(
        AccessPolicyPermissions left, AccessPolicyPermissions right, Func<IEnumerable<string>, IEnumerable<string>, IEnumerable<string>> combine) =>
        new([.. combine(left.Keys, right.Keys)], [.. combine(left.Secrets, right.Secrets)],
            [.. combine(left.Certificates, right.Certificates)], [.. combine(left.Storage, right.Storage)]);
}
