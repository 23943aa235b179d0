using Coffer.Core.Locks;

namespace Coffer.Api.Contracts.Management;

/// <summary>Maps management locks to ARM's <c>ManagementLockObject</c>.</summary>
internal static class LockMapper
{
    public const string ResourceType = "Microsoft.Authorization/locks";

    public static string ResourceId(string scope, string name) => $"{scope.TrimEnd('/')}/providers/{ResourceType}/{name}";

    public static ManagementLockObject ToWire(ManagementLock managementLock) => new()
    {
        Id = ResourceId(managementLock.Scope, managementLock.Name),
        Name = managementLock.Name,
        Type = ResourceType,
        Properties = new ManagementLockProperties
        {
            Level = managementLock.Level.ToString(),
            Notes = managementLock.Notes,
            Owners = managementLock.Owners.Count == 0 ? null : [.. managementLock.Owners.Select(o => new ManagementLockOwner { ApplicationId = o })],
        },
    };
}
